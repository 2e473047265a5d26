"""The write side: read a folder of documents into the store (``build``), import the plenary roll calls
(``rollcalls``), and link drafts to the resolutions they became (``linking``)."""
