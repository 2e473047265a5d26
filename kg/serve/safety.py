"""What a query must be before Oxigraph is given it: no ``SERVICE`` (:func:`federated`), brackets nested at most
``MAX_NESTING`` deep and at most ``MAX_TOKENS`` words and signs (:func:`too_complex`); and which bare words
it holds (:func:`keywords`, to tell whether it names its own dataset with FROM).

Why SERVICE is refused: Oxigraph would fetch any address the query names, from the server's network. Whether a
query holds the keyword is asked of Oxigraph's own parser, because a lexer of ours can be led astray: Oxigraph
decides by context whether ``<`` opens an IRI or compares, and lets the keyword touch a prefixed name.

Why a shape limit: Oxigraph's parser and planner recurse once per nested bracket and per element of a chain
(``!!!…``, ``1+1+…``, ``MINUS {} MINUS {} …``, a long collection ``( 1 1 … )``), 2 to 10 KB of stack each,
and a stack overflow in Rust ends the whole process: on a thread's default 8 MB, a 15 KB query did. The
limits are counted in the raw text, strings included, so that nothing can hide; a long string literal is one
word. The query workers' stack (``kg.serve.runner.WORKER_STACK``) holds such a query with room to spare.
"""

from __future__ import annotations

import re

import pyoxigraph as ox

__all__ = ["MAX_NESTING", "MAX_TOKENS", "keywords", "federated", "too_complex"]

MAX_NESTING = 100  # brackets a query may nest
MAX_TOKENS = 100_000  # words and signs a query may hold

_SKIPPED = re.compile(r"""<[^<>"{}|^`\\\x00-\x20]*>|'''(?:[^'\\]|\\.|'(?!''))*'''|\"\"\"(?:[^"\\]|\\.|"(?!""))*\"\"\""""
                      r"""|"(?:[^"\\\n]|\\.)*"|'(?:[^'\\\n]|\\.)*'|\#[^\n]*""", re.S)
_WORD = re.compile(r"[?$]?[\w:.\-]+")


def keywords(query: str) -> set[str]:
    """The bare words of a query, upper-cased, leaving out IRIs, strings, comments, variables and prefixed names.

    >>> sorted(keywords('SELECT ?service WHERE { ?s ex:from "SERVICE" . # FROM\\n <http://x/FROM> a 1 }'))
    ['1', 'A', 'SELECT', 'WHERE']
    """
    words = _WORD.findall(_SKIPPED.sub(" ", query))
    return {w.strip(".").upper() for w in words if w[0] not in "?$" and ":" not in w} - {""}


_SERVICE = re.compile("service", re.I)
_EMPTY = ox.Store()  # parses queries for federated(); holds nothing


def federated(query: str, base_iri: str | None = None) -> bool:
    """Whether Oxigraph could read ``query`` as holding a SERVICE clause (a federated query, which would make
    the server fetch the address it names).

    Oxigraph's parser decides, not a lexer of ours: it takes ``<`` for an IRI or for "less than" by context and
    lets the keyword touch a prefixed name (``SERVICE:x``), so ``FILTER(?a<?b)SERVICE#>`` or ``SERVICE:x`` pass
    any regular expression. Every "service", in any case, becomes digits, which read the same inside an IRI,
    a string, a comment, a variable or a prefixed name, but cannot stand where the keyword stood (before a
    group ``{ … }``); the query is federated when the text so changed does not parse. That text has no SERVICE
    left, and it is only parsed (an ASK is answered, from an empty store). The price: a query with a syntax
    error near "service", or a prefix or a language tag spelt ``service``, is refused as federated.

    >>> federated('SELECT * { SERVICE <http://x/> { ?s ?p ?o } }'), federated('PREFIX : <http://x/> ASK { SERVICE:a {} }')
    (True, True)
    >>> federated('SELECT ?service { BIND("service" AS ?service) ?s ?p <http://x/SERVICE> } # SERVICE')
    False
    """
    if not _SERVICE.search(query):
        return False
    try:
        _EMPTY.query(_SERVICE.sub("0000000", query), base_iri=base_iri)
    except SyntaxError:
        return True
    except Exception:  # noqa: BLE001 - it parsed: evaluating an ASK on nothing may fail, which does not matter
        return False
    return False


_TOKEN = re.compile(r"\w+|[^\w\s]")
_BRACKET = re.compile(r"[()\[\]{}]")


def too_complex(query: str, max_tokens: int | None = MAX_TOKENS) -> str | None:
    """Why ``query`` is too deep or too long to give Oxigraph's recursive parser safely, or None: brackets
    nested over ``MAX_NESTING`` deep, or over ``max_tokens`` words and signs (None: any number). Counted in the
    raw text, strings and IRIs included (where the parser sees code is its own affair); a long string literal
    is one word.

    >>> too_complex("SELECT * { " + "{" * 200 + "}" * 200 + " }")
    'brackets nested more than 100 deep'
    >>> too_complex('SELECT * { ?s ?p "' + "x" * 1_000_000 + '" }') is None
    True
    """
    depth = 0
    for count, match in enumerate((_TOKEN if max_tokens is not None else _BRACKET).finditer(query), 1):
        if max_tokens is not None and count > max_tokens:
            return f"more than {max_tokens:,} words and signs"
        token = match.group()
        if token in ("(", "[", "{"):
            depth += 1
            if depth > MAX_NESTING:
                return f"brackets nested more than {MAX_NESTING} deep"
        elif token in (")", "]", "}") and depth:
            depth -= 1
    return None

