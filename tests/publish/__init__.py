"""Tests of publishing: export, VoID, ontology docs, push, static site (a package, so that its conftest does not
shadow the one of tests/)."""
