"""Link the committee stage to the plenary stage: which draft became which resolution, recomputed from the store.

The facts come from the graph (drafts recommended in committee reports, drafts read as documents of their
own, resolutions' headings, roll calls); the matching is ``kg.model.links``; the links go into a named graph of their own
(``graph/links``), replaced whole on every run, so that neither a report's graph nor the roll-call
graph is ever touched by it. The same graph gives each plenary roll call its ``opengov:motion``, the draft it
decided, where exactly one draft is known to have become the resolution it was adopted as (``unkg:adoptedAs``):
by these links, or by the UN's record of the resolution. ``kg.pipeline.build`` and ``kg.pipeline.rollcalls``
run it after they write.
"""

from __future__ import annotations

from kg.model.links import DraftHeading, ResolutionHeading, link_documents, link_drafts
from kg.model.rollcalls import DraftInfo, Link, ResolutionInfo, RollCallInfo
from kg.rdf.iris import Minter
from kg.rdf.namespace import OPENGOV, UNKG
from kg.rdf.rollcalls import link_lines
from kg.store import Store

__all__ = ["relink"]

_PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX unkg: <https://w3id.org/unkg/ontology#>
"""
_DRAFTS = _PREFIXES + """SELECT ?draft ?title ?report ?session ?item WHERE {
  ?d unkg:recommendedIn ?r ; dcterms:identifier ?draft ; dcterms:title ?title .
  ?r dcterms:identifier ?report ; unkg:session ?session ; unkg:agendaItemTitle ?item .
}"""
_ROLL_CALLS = _PREFIXES + """SELECT DISTINCT ?rcid ?resolution ?session ?title ?item WHERE {
  VALUES ?session { %s }
  ?e a unkg:RollCall ; unkg:session ?session ; unkg:rollCallId ?rcid ; dcterms:title ?title ;
     unkg:adoptedAs/dcterms:identifier ?resolution .
  OPTIONAL { ?e unkg:agendaItemTitle ?item }
}"""  # a roll call is adopted as the resolution voted on as a whole, not on an amendment or a paragraph
_RESOLUTIONS = _PREFIXES + """SELECT DISTINCT ?symbol ?title ?report WHERE {
  ?res a unkg:GeneralAssemblyResolution ; dcterms:identifier ?symbol ; dcterms:title ?title ;
       unkg:onReportOf/dcterms:identifier ?report .
}"""


# drafts read as documents of their own, with their agenda items, and whether a revision of them (or a draft
# "on the basis of informal consultations on" them) was read too. Each heading is read from its document's own
# graph: the same resolution in the UN's records (graph/unxml) has a title and drafts of its own, and the union
# of the graphs would multiply the rows by them.
_DRAFT_HEADINGS = _PREFIXES + """SELECT ?symbol ?session ?title ?item ?sub ?superseded WHERE {
  VALUES ?class { unkg:DraftResolution unkg:DraftDecision }
  GRAPH ?g {
    ?g unkg:describesDocument ?d . ?d a ?class ; dcterms:identifier ?symbol ; unkg:session ?session .
    OPTIONAL { ?d dcterms:title ?title }
    OPTIONAL { ?d unkg:onAgendaItem ?ai . ?ai unkg:itemNumber ?item . OPTIONAL { ?ai unkg:subItem ?sub } }
  }
  BIND(EXISTS { ?other prov:wasRevisionOf|unkg:basedOn ?d } AS ?superseded)
}"""
_RESOLUTION_HEADINGS = _PREFIXES + """SELECT ?symbol ?session ?title ?item ?sub ?draft ?report WHERE {
  GRAPH ?g {
    ?g unkg:describesDocument ?r . ?r a unkg:GeneralAssemblyResolution ; dcterms:identifier ?symbol ;
       unkg:session ?session ; dcterms:title ?title .
    OPTIONAL { ?r unkg:onAgendaItem ?ai . ?ai unkg:itemNumber ?item . OPTIONAL { ?ai unkg:subItem ?sub } }
    OPTIONAL { ?r unkg:adoptedFrom/dcterms:identifier ?draft }
    OPTIONAL { ?r unkg:onReportOf/dcterms:identifier ?report }
  }
}"""
# the roll calls on whole resolutions, and the drafts that the other graphs say became a resolution (the UN's
# records of resolutions, 2019-2026); the graph of the links is left out, being rewritten
_ADOPTED_AS = _PREFIXES + """SELECT DISTINCT ?event ?resolution WHERE {
  ?event a unkg:RollCall ; unkg:adoptedAs/dcterms:identifier ?resolution .
}"""
_BECAME = _PREFIXES + """SELECT DISTINCT ?draft ?resolution WHERE {
  GRAPH ?g { ?d unkg:becameResolution ?r } FILTER(?g != <%s>)
  ?d dcterms:identifier ?draft . ?r dcterms:identifier ?resolution .
}"""
_EVIDENCE = _PREFIXES + """SELECT ?symbol ?evidence WHERE {
  GRAPH ?g {
    ?g unkg:describesDocument ?r . ?r a unkg:GeneralAssemblyResolution ; dcterms:identifier ?symbol ;
       unkg:evidence ?evidence .
  }
}"""


def relink(store: Store, minter: Minter) -> tuple[list[Link], list[str]]:
    """Recompute the links of every draft a committee report recommends, and of every draft read as a document of
    its own; the links and the problems met."""
    drafts = [DraftInfo(r["draft"], r["title"], r["report"], int(r["session"]), r["item"])
              for r in store.select(_DRAFTS)]
    graph = str(minter.links_graph())
    links: list[Link] = []
    problems: list[str] = []
    if drafts:
        sessions = " ".join(str(s) for s in sorted({d.session for d in drafts}))
        roll_calls = [RollCallInfo(int(r["rcid"]), r["resolution"], int(r["session"]), r["title"], r["item"] or None)
                      for r in store.select(_ROLL_CALLS % sessions)]
        resolutions = [ResolutionInfo(r["symbol"], r["title"], r["report"]) for r in store.select(_RESOLUTIONS)]
        links, problems = link_drafts(drafts, roll_calls, resolutions)
    documents, more = link_documents(*_headings(store))
    known = {link.draft for link in links}
    links += [link for link in documents if link.draft not in known]
    problems += more
    if links:
        evidence: dict[str, list[str]] = {}
        for r in store.select(_EVIDENCE):
            evidence.setdefault(r["symbol"], []).append(r["evidence"])
        lines = list(link_lines(links, minter))
        for link in documents:  # the resolution's heading is the evidence of a link found from documents
            node = minter.adoption_link(link.draft, link.method)
            lines += [f"<{node}> <{UNKG.evidence}> <{e}> ." for e in evidence.get(link.resolution, [])]
    else:
        lines = []
    lines += _motions(store, minter, links, graph)
    if lines:
        store.replace_graph(graph, "\n".join(lines))
    else:
        store.update(f"DROP SILENT GRAPH <{graph}>")
    return links, problems


def _motions(store: Store, minter: Minter, links: list[Link], graph: str) -> list[str]:
    """``opengov:motion`` of each plenary roll call: the draft decided, where exactly one draft is known to have
    become the resolution the roll call was adopted as; none where no draft, or more than one, is known."""
    drafts: dict[str, set[str]] = {}
    for link in links:
        drafts.setdefault(link.resolution, set()).add(link.draft)
    for r in store.select(_BECAME % graph):
        drafts.setdefault(r["resolution"], set()).add(r["draft"])
    motion = f"<{OPENGOV.motion}>"
    return [f"<{r['event']}> {motion} <{minter.document(next(iter(known)))}> ."
            for r in store.select(_ADOPTED_AS) if len(known := drafts.get(r["resolution"], set())) == 1]


def _headings(store: Store) -> tuple[list[DraftHeading], list[ResolutionHeading]]:
    drafts: dict[str, dict] = {}
    for r in store.select(_DRAFT_HEADINGS):
        d = drafts.setdefault(r["symbol"], {"session": int(r["session"]), "title": r["title"] or "", "items": set(),
                                            "superseded": r["superseded"] == "true"})
        if r["item"]:
            d["items"].add((int(r["item"]), r["sub"] or None))
    resolutions: dict[str, dict] = {}
    for r in store.select(_RESOLUTION_HEADINGS):
        d = resolutions.setdefault(r["symbol"], {"session": int(r["session"]), "title": r["title"], "items": set(),
                                                 "drafts": [], "report": r["report"] or None})
        if r["item"]:
            d["items"].add((int(r["item"]), r["sub"] or None))
        if r["draft"] and r["draft"] not in d["drafts"]:
            d["drafts"].append(r["draft"])
    return ([DraftHeading(s, d["session"], d["title"], frozenset(d["items"]), d["superseded"]) for s, d in drafts.items()],
            [ResolutionHeading(s, d["session"], d["title"], frozenset(d["items"]), tuple(sorted(d["drafts"])), d["report"])
             for s, d in resolutions.items()])
