"""Tests of ``unkg serve`` (a package, so that its conftest does not shadow the one of tests/)."""
