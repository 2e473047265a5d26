"""Content negotiation: which representation of a result or a graph to send, chosen by the ``format``
parameter or by ``Accept`` (with its q-values and wildcards)."""

from __future__ import annotations

from dataclasses import dataclass

import pyoxigraph as ox

__all__ = ["Offer", "RESULT_OFFERS", "GRAPH_OFFERS", "HTML", "negotiate", "names"]


@dataclass(frozen=True)
class Offer:
    """One representation: the Content-Type sent, the serialiser (None: HTML), the media types in ``Accept``
    that choose it and the values of the ``format`` parameter that do."""

    media_type: str
    format: ox.QueryResultsFormat | ox.RdfFormat | None
    accepts: tuple[str, ...]
    names: tuple[str, ...]


RESULT_OFFERS = (
    Offer("application/sparql-results+json", ox.QueryResultsFormat.JSON,
          ("application/sparql-results+json", "application/json", "text/javascript", "application/javascript"),
          ("json", "srj")),
    Offer("application/sparql-results+xml", ox.QueryResultsFormat.XML,
          ("application/sparql-results+xml", "application/xml", "text/xml"), ("xml", "srx")),
    Offer("text/csv; charset=utf-8", ox.QueryResultsFormat.CSV, ("text/csv",), ("csv",)),
    Offer("text/tab-separated-values; charset=utf-8", ox.QueryResultsFormat.TSV, ("text/tab-separated-values",),
          ("tsv",)),
)
GRAPH_OFFERS = (
    Offer("text/turtle; charset=utf-8", ox.RdfFormat.TURTLE,
          ("text/turtle", "application/turtle", "application/x-turtle", "text/n3", "text/rdf+n3", "application/n3"),
          ("ttl", "turtle", "n3")),
    Offer("application/n-triples", ox.RdfFormat.N_TRIPLES, ("application/n-triples",), ("nt", "ntriples", "n-triples")),
    Offer("application/ld+json", ox.RdfFormat.JSON_LD, ("application/ld+json", "application/x-json+ld",
                                                        "application/json"), ("jsonld", "json-ld", "json")),
    Offer("application/rdf+xml", ox.RdfFormat.RDF_XML, ("application/rdf+xml", "application/xml", "text/xml"),
          ("rdfxml", "rdf+xml", "rdf", "xml")),
)
HTML = Offer("text/html; charset=utf-8", None, ("text/html", "application/xhtml+xml"), ("html",))


def _ranges(accept: str) -> list[tuple[str, float]]:
    out = []
    for part in accept.split(","):
        media_type, *params = [p.strip() for p in part.split(";")]
        quality = 1.0
        for param in params:
            key, _, value = param.partition("=")
            if key.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media_type:
            out.append(("*/*" if media_type == "*" else media_type.lower(), quality))
    return out


def _quality(media_type: str, ranges: list[tuple[str, float]]) -> float:
    """The q-value that the most specific matching range of ``Accept`` gives ``media_type`` (0 if none)."""
    best, specificity = 0.0, 0
    for candidate, quality in ranges:
        rank = 3 if candidate == media_type else 2 if candidate == media_type.split("/")[0] + "/*" else (
            1 if candidate == "*/*" else 0)
        if rank > specificity or (rank == specificity and rank and quality > best):
            best, specificity = quality, rank
    return best


def negotiate(offers: tuple[Offer, ...], accept: str | None, formats: list[str]) -> Offer | None:
    """The representation to send: the first ``format`` value that names an offer, else the offer that
    ``Accept`` rates highest (ties go to the earlier offer), else None (nothing acceptable).

    >>> negotiate(RESULT_OFFERS, "text/csv;q=0.5, application/sparql-results+xml", []).media_type
    'application/sparql-results+xml'
    >>> negotiate(GRAPH_OFFERS, "text/html", ["ttl"]).media_type, negotiate(GRAPH_OFFERS, "text/html", [])
    ('text/turtle; charset=utf-8', None)
    """
    for value in formats:
        value = value.strip().lower()
        for offer in offers:
            if value in offer.names or value in offer.accepts:
                return offer
    if formats:
        return None
    if not accept:
        return offers[0]
    ranges = _ranges(accept)
    rated = [(max(_quality(t, ranges) for t in offer.accepts), -i, offer) for i, offer in enumerate(offers)]
    quality, _, offer = max(rated, key=lambda r: (r[0], r[1]))
    return offer if quality > 0 else None



def names(offers: tuple[Offer, ...]) -> str:
    """The offers as an error message lists them."""
    return ", ".join(f"{o.media_type.split(';')[0]} (format={o.names[0]})" for o in offers)
