"""The one HTML layer of unkg: a Jinja2 environment with autoescaping (every value from the graph is escaped
unless a template says otherwise), the templates in ``templates/`` and one stylesheet, ``unkg.css``, used by
the served pages (``kg.serve``), the static site (``unkg site``), the ontology documentation
(``unkg ontology-docs``, also served at ``/ontology``) and the network page's frame (``unkg draw``).

A template gets ``root``: the relative or absolute address that the site's files hang from (``/`` on the
server, ``../../`` from ``id/state/FRA.html`` in the static site), so that the same template serves both.
"""

from __future__ import annotations

from importlib.resources import files
from typing import Any

import jinja2

__all__ = ["ENVIRONMENT", "STYLESHEET", "render"]

STYLESHEET = files("kg.html").joinpath("unkg.css")

ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("kg.html", "templates"),
    autoescape=True,  # every template, whatever its name: all of them are HTML
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


def render(template: str, **context: Any) -> str:
    """The page that ``template`` makes of ``context``."""
    return ENVIRONMENT.get_template(template).render(**context)
