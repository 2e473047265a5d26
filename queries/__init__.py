"""The catalogue of named SPARQL queries (*.rq), importable as package data ``kg.catalogue``."""
