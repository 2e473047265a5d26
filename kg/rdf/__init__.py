"""The RDF side: namespaces generated from the ontology, IRI minting, the mapping of records, the reasoner;
it never reads the store."""
