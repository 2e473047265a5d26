"""The one HTML layer of unkg: a Jinja2 environment with autoescaping (every value from the graph is escaped
unless a template says otherwise), the templates in ``templates/`` and one stylesheet, ``unkg.css``, used by
the served pages (``kg.serve``), the static site (``unkg site``), the ontology documentation
(``unkg ontology-docs``, also served at ``/ontology``) and the network page's frame (``unkg draw``).

A template gets ``root``: the relative or absolute address that the site's files hang from (``/`` on the
server, ``../../`` from ``id/state/FRA.html`` in the static site), so that the same template serves both.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from importlib.resources import files
from typing import Any

import jinja2
import jinja2.runtime
from markupsafe import Markup, escape

__all__ = ["ENVIRONMENT", "STYLESHEET", "Frame", "render", "page"]

STYLESHEET = files("kg.html").joinpath("unkg.css")

ENVIRONMENT = jinja2.Environment(
    loader=jinja2.PackageLoader("kg.html", "templates"),
    autoescape=True,  # every template, whatever its name: all of them are HTML
    undefined=jinja2.StrictUndefined,
    trim_blocks=True,
    lstrip_blocks=True,
    keep_trailing_newline=True,
)


@jinja2.pass_context
def _link(context: jinja2.runtime.Context, iri: str, label: str, title: str | None = None) -> Markup:
    """``iri`` linked with ``label`` where the caller's ``href`` serves it (external when not ``is_local``), else
    shown as text with the IRI as its title. A function, not a macro: a page calls it for every cell, and a
    Jinja2 macro call costs several times as much."""
    address = context["href"](iri)
    if address is None:
        return Markup(f'<span title="{escape(iri)}">{escape(label)}</span>')
    shown = f'<a href="{escape(address)}" title="{escape(title or iri)}"'
    if context["is_local"](iri):
        return Markup(f'{shown}>{escape(label)}</a>')
    return Markup(f'{shown} rel="noopener" class="external">{escape(label)}</a>')


@jinja2.pass_context
def _term(context: jinja2.runtime.Context, value: Any, labels: dict[str, str]) -> Markup:
    """A value of the graph as a cell shows it: an IRI linked with its label and its short form beside (or its
    short form alone), a blank node as ``_:id``, a literal with its language or its datatype (none for a plain
    string). A function for the same reason as :func:`_link`: an entity page shows thousands of values."""
    kind = value.__class__.__name__
    if kind == "NamedNode":
        label = labels.get(value.value, "")
        short = context["short"](value.value)
        if not label:
            return _link(context, value.value, short)
        return _link(context, value.value, label) + Markup(f' <span class="iri">{escape(short)}</span>')
    if kind == "BlankNode":
        return Markup(f'<span class="bnode">_:{escape(value.value)}</span>')
    note = f"@{value.language}" if value.language else context["short"](value.datatype.value)
    if note == "xsd:string":
        return escape(value.value)
    return Markup(f'{escape(value.value)} <span class="datatype">{escape(note)}</span>')


@jinja2.pass_context
def _graph_cell(context: jinja2.runtime.Context, graph: str) -> Markup:
    """The graph that states a fact, linked; "default graph" for the store's own default graph ("")."""
    return _link(context, graph, context["short"](graph)) if graph else Markup('<span class="iri">default graph</span>')


ENVIRONMENT.globals["html_link"] = _link
ENVIRONMENT.globals["html_term"] = _term
ENVIRONMENT.globals["html_graph_cell"] = _graph_cell


def render(template: str, **context: Any) -> str:
    """The page that ``template`` makes of ``context``."""
    return ENVIRONMENT.get_template(template).render(**context)


@dataclass(frozen=True)
class Frame:
    """Where a page hangs: its stylesheet's address, the navigation bar (label, address), where an IRI is
    linked to (``href``: an address, or None for no link), whether that address is of this site
    (``is_local``: else it opens as an external link), and how an IRI is shown (``short``)."""

    stylesheet: str
    nav: tuple[tuple[str, str], ...]
    href: Callable[[str], str | None]
    is_local: Callable[[str], bool]
    short: Callable[[str], str]


def page(template: str, frame: Frame, title: str, **context: Any) -> str:
    """A page of ``template`` in ``frame``."""
    return render(template, title=title, stylesheet=frame.stylesheet, nav=frame.nav, href=frame.href,
                  is_local=frame.is_local, short=frame.short, **context)
