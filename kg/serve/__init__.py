"""The HTTP side of ``unkg serve``, one module per job: ``config`` (the limits, from ``kg.settings``),
``negotiation`` (which format to send), ``safety`` (which queries Oxigraph may be given), ``runner`` (queries
and pages in worker pools under a deadline and a size limit), ``request`` (one request, decoded strictly),
``app`` (the server's state, the routes and the HTTP server), and one module per route family: ``sparql``
(SPARQL 1.1 Protocol), ``graph_store`` (Graph Store Protocol), ``resources`` (entities, graphs, the
ontology, VoID) and ``static`` (the query page and its files); ``linked_data`` reads what is said about an
IRI, ``pages`` renders the served pages with ``kg.html``.

``static/`` holds the query page's JavaScript (YASGUI's dist bundle, see ``static/NOTICE.md``, and
``query.js``), served from the package so that nothing is loaded from outside at run time.
"""
