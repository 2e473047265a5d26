"""Every IRI unkg mints, in one place, deterministically from UN symbols and ISO 3166 codes.

>>> iris = Minter("https://w3id.org/unkg/")
>>> iris.document("A/C.1/73/L.27/Rev.1")
rdflib.term.URIRef('https://w3id.org/unkg/id/document/A/C.1/73/L.27/Rev.1')
>>> iris.document("A/RES/43/78 H"), iris.state("FRA")
(rdflib.term.URIRef('https://w3id.org/unkg/id/document/A/RES/43/78/H'), rdflib.term.URIRef('https://w3id.org/unkg/id/state/FRA'))
"""

from __future__ import annotations

import hashlib
import re

from rdflib import URIRef

from kg.model.records import Evidence, ReaderWarning

__all__ = ["Minter", "slug"]


def slug(name: str) -> str:
    """ "First Committee" -> "first-committee"."""
    return re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def _path(symbol: str) -> str:
    return symbol.replace(" ", "/")


class Minter:
    """IRIs under one base (the ``base_iri`` setting)."""

    def __init__(self, base: str):
        self.base = base if base.endswith("/") else base + "/"

    def _iri(self, *parts: str | int) -> URIRef:
        return URIRef(self.base + "/".join(str(p) for p in parts))

    def document(self, symbol: str) -> URIRef:
        return self._iri("id/document", _path(symbol))

    def graph(self, symbol: str) -> URIRef:
        """The named graph that holds the facts read from one source document."""
        return self._iri("graph", _path(symbol))

    def register_graph(self) -> URIRef:
        return self._iri("graph/register")

    def state(self, key: str) -> URIRef:
        return self._iri("id/state", key)

    def group(self, key: str) -> URIRef:
        """A group of states that acts as one (``kg.reference.groups``): ``id/group/G77``."""
        return self._iri("id/group", key)

    def agenda_item(self, session: int, number: int, sub_item: str | None) -> URIRef:
        """An item or sub-item of a session's agenda: ``id/agenda-item/80/16/a``."""
        return self._iri("id/agenda-item", session, number, *([sub_item] if sub_item else []))

    def body(self, name: str) -> URIRef:
        return self._iri("id/body", slug(name))

    def subsidiary_body(self, kind: str, established_by: str) -> URIRef:
        return self._iri("id/body", slug(kind), _path(established_by))

    def meeting(self, body: str, session: int, number: int) -> URIRef:
        return self._iri("id/meeting", slug(body), session, number)

    def vote_event(self, body: str, draft: str) -> URIRef:
        return self._iri("id/vote", slug(body), _path(draft))

    def vote(self, event: URIRef, key: str) -> URIRef:
        return URIRef(f"{event}/{key}")

    def count(self, event: URIRef, option: str) -> URIRef:
        return URIRef(f"{event}/count/{option}")

    def intention(self, event: URIRef, key: str) -> URIRef:
        return URIRef(f"{event}/intention/{key}")

    def sponsorship(self, draft: str, key: str, role: str) -> URIRef:
        return self._iri("id/sponsorship", _path(draft), key, role)

    def citation(self, citing: str, cited: str) -> URIRef:
        return self._iri("id/citation", _path(citing), "cites", _path(cited))

    def budget_statement(self, draft: str, form: str, what: str) -> URIRef:
        return self._iri("id/budget-statement", _path(draft), form, _path(what))

    def norm(self, draft: str, number: str) -> URIRef:
        return self._iri("id/norm", _path(draft), number)

    def dataset(self) -> URIRef:
        """The dataset as a whole, as its VoID and DCAT description names it."""
        return self._iri("dataset")

    def dataset_part(self, kind: str, name: str) -> URIRef:
        """A part of the dataset's description: ``kind`` is ``class``, ``property`` or ``linkset``; ``name`` a
        prefixed name such as ``unkg:Vote`` (case is kept: ``unkg:Meeting`` and ``unkg:meeting`` differ)."""
        return self._iri("dataset", kind, re.sub(r"[^A-Za-z0-9._-]+", "-", name).strip("-"))

    def software(self, version: str) -> URIRef:
        """The unkg release that produced the data."""
        return self._iri("software/unkg", version)

    def rollcall(self, rcid: int) -> URIRef:
        """A roll call of the General Assembly in plenary, by the roll-call dataset's own id (``rcid``)."""
        return self._iri("id/rollcall", rcid)

    def resolution_rollcall(self, symbol: str) -> URIRef:
        """A roll call in plenary known only from the UN's record of its resolution (which gives it no id):
        ``id/rollcall/A/RES/75/240``, beside the roll-call dataset's ``id/rollcall/6073``."""
        return self._iri("id/rollcall", _path(symbol))

    def plenary_meeting(self, session: str, number: int) -> URIRef:
        """A plenary meeting of the General Assembly in a session as its symbols write it ("79", "ES-11"): as
        ``meeting("General Assembly", 79, 55)`` for a regular session."""
        return self._iri("id/meeting", slug("General Assembly"), session, number)

    def records_graph(self) -> URIRef:
        """The named graph that holds the UN's records of resolutions and recorded votes (data_extract/)."""
        return self._iri("graph/unxml")

    def rollcall_graph(self) -> URIRef:
        """The named graph that holds the plenary record imported from the roll-call dataset."""
        return self._iri("graph/unvotes")

    def links_graph(self) -> URIRef:
        """The named graph of the links between drafts and the resolutions they became (recomputed whole)."""
        return self._iri("graph/links")

    def source_dataset(self, name: str) -> URIRef:
        """A dataset unkg imports, such as the roll calls of ``unvotes``."""
        return self._iri("id/source", slug(name))

    def concept_scheme(self, name: str) -> URIRef:
        return self._iri("id/scheme", slug(name))

    def concept(self, scheme: str, code: str) -> URIRef:
        """A concept of a scheme by its code: ``concept("unvotes issues", "me")``."""
        return self._iri("id/scheme", slug(scheme), slug(code))

    def adoption_link(self, draft: str, method: str) -> URIRef:
        """The finding, made one way (``method``), that a draft became a resolution."""
        return self._iri("id/adoption", _path(draft), slug(method))

    def file(self, sha256: str) -> URIRef:
        """A file read, named by the sha256 of its bytes: ``id/file/<hex>``."""
        return self._iri("id/file", sha256)

    def evidence(self, e: Evidence) -> URIRef:
        digest = hashlib.sha1(e.quote.encode("utf-8")).hexdigest()[:10]
        return self._iri("id/evidence", _path(e.document), f"L{e.line_start}-{e.line_end}", digest)

    def warning(self, w: ReaderWarning) -> URIRef:
        """A reader's warning about a line of a document, by its rule, line and message."""
        digest = hashlib.sha1(f"{w.rule}\n{w.page}\n{w.line}\n{w.message}".encode("utf-8")).hexdigest()[:10]
        return self._iri("id/warning", _path(w.document), digest)
