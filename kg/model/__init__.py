"""Records handed from the extractors to the RDF mapping, and the checks made at that hand-over."""
