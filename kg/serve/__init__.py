"""The HTTP side of ``unkg serve``: the endpoint (``app``), entity descriptions as linked data
(``linked_data``), HTML pages (``pages``), and the bundled query page assets.

``static/`` holds the query page's JavaScript and CSS (YASGUI's dist bundle, see ``static/NOTICE.md``),
served from the package so that nothing is loaded from outside at run time.
"""
