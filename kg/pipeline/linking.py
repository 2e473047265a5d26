"""Link the committee stage to the plenary stage: which draft became which resolution, recomputed from the store.

The facts come from the graph (drafts recommended in committee reports, resolutions' headings, roll
calls); the matching is ``kg.model.links``; the links go into a named graph of their own
(``graph/links``), replaced whole on every run, so that neither a report's graph nor the roll-call
graph is ever touched by it. ``kg.pipeline.build`` and ``kg.pipeline.rollcalls`` run it after they write.
"""

from __future__ import annotations

from kg.model.links import link_drafts
from kg.model.rollcalls import DraftInfo, Link, ResolutionInfo, RollCallInfo
from kg.rdf.iris import Minter
from kg.rdf.rollcalls import link_lines
from kg.store import Store

__all__ = ["relink"]

_PREFIXES = """PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX unkg: <https://w3id.org/unkg/ontology#>
"""
_DRAFTS = _PREFIXES + """SELECT ?draft ?title ?report ?session ?item WHERE {
  ?d unkg:recommendedIn ?r ; dcterms:identifier ?draft ; dcterms:title ?title .
  ?r dcterms:identifier ?report ; unkg:session ?session ; unkg:agendaItemTitle ?item .
}"""
_ROLL_CALLS = _PREFIXES + """SELECT ?rcid ?resolution ?session ?title ?item WHERE {
  VALUES ?session { %s }
  ?e a unkg:RollCall ; unkg:session ?session ; unkg:rollCallId ?rcid ; dcterms:title ?title ;
     opengov:motion/dcterms:identifier ?resolution .
  OPTIONAL { ?e unkg:agendaItemTitle ?item }
}"""  # a roll call's motion is the resolution voted on as a whole, not on an amendment or a paragraph
_RESOLUTIONS = _PREFIXES + """SELECT ?symbol ?title ?report WHERE {
  ?res a unkg:GeneralAssemblyResolution ; dcterms:identifier ?symbol ; dcterms:title ?title ;
       unkg:onReportOf/dcterms:identifier ?report .
}"""


def relink(store: Store, minter: Minter) -> tuple[list[Link], list[str]]:
    """Recompute the links of every draft a committee report recommends; the links and the problems met."""
    drafts = [DraftInfo(r["draft"], r["title"], r["report"], int(r["session"]), r["item"])
              for r in store.select(_DRAFTS)]
    graph = str(minter.links_graph())
    if not drafts:
        store.update(f"DROP SILENT GRAPH <{graph}>")
        return [], []
    sessions = " ".join(str(s) for s in sorted({d.session for d in drafts}))
    roll_calls = [RollCallInfo(int(r["rcid"]), r["resolution"], int(r["session"]), r["title"], r["item"] or None)
                  for r in store.select(_ROLL_CALLS % sessions)]
    resolutions = [ResolutionInfo(r["symbol"], r["title"], r["report"]) for r in store.select(_RESOLUTIONS)]
    links, problems = link_drafts(drafts, roll_calls, resolutions)
    if links:
        store.replace_graph(graph, "\n".join(link_lines(links, minter)))
    else:
        store.update(f"DROP SILENT GRAPH <{graph}>")
    return links, problems
