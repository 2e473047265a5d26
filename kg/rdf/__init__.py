"""The RDF side: namespaces generated from the ontology, IRI minting, the mapping of records, validation."""
