"""The unkg ontology, SHACL shapes and JSON-LD context, importable as package data ``kg.ontology``."""
