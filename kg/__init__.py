"""unkg: the knowledge graph of UN General Assembly decisions.

The public API: ``kg.pipeline.build.build`` reads documents into a ``kg.store.Store``;
``kg.queries.run`` answers the named queries of ``queries/``; ``kg.extract.extract``
gives the records of one document without RDF.
"""

__version__ = "0.1.0"
