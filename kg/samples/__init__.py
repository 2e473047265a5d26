"""The bundled sample documents (package data): the text of report A/73/505."""
