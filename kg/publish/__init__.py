"""Publishing the graph: export in the standard formats (``export``), push to triple stores (``push``), the
static linked-data site (``site``), the dataset's VoID and DCAT description (``void``), the ontology's
documentation (``docs``) and the SHACL check of the store before it is published (``validate``)."""
