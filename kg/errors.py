"""Errors that say where they happened: the document, page, line and the rule broken."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["UnkgError", "SourceError", "UnresolvedName", "UnknownQuery", "InvalidDate"]


class UnkgError(Exception):
    """Base of every error the project raises on purpose."""


@dataclass
class SourceError(UnkgError):
    """A source document broke a reading rule.

    >>> str(SourceError("A_73_505.txt", "no vote lists", rule="vote-lists", line=117))
    'A_73_505.txt, line 117: no vote lists [rule: vote-lists]'
    """

    document: str
    message: str
    rule: str = ""
    line: int | None = None
    page: int | None = None

    def __post_init__(self) -> None:
        super().__init__(str(self))

    def __str__(self) -> str:
        where = [self.document]
        if self.page is not None:
            where.append(f"page {self.page}")
        if self.line is not None:
            where.append(f"line {self.line}")
        rule = f" [rule: {self.rule}]" if self.rule else ""
        return f"{', '.join(where)}: {self.message}{rule}"


@dataclass
class UnresolvedName(SourceError):
    """A state name that the register does not know, or knows twice; ``at`` is its offset in the list."""

    at: int | None = None


class UnknownQuery(UnkgError):
    """A named query that is not in the catalogue."""


class InvalidDate(UnkgError, ValueError):
    """A date the text prints that does not exist ("31 November 2018")."""
