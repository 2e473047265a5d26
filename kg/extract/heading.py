"""The heading that drafts and resolutions of the General Assembly share, read line by line.

    Eightieth session
    Second Committee
    Agenda item 16 (a)
    Macroeconomic policy questions: international trade
    and development

The session, the Committee (absent in plenary), the agenda items with their sub-items ("Agenda
item 16 (a)", "Agenda items 13 and 75", "Item 35 of the provisional agenda*") and each item's title
as printed under it (over several lines, colons and all). The lines come from any reader (PDF or
text); where a reader gives each line's position (a PDF's box, a text file's leading spaces), the
indentation tells the item's title, set flush left, from what follows it.

>>> agenda_numbers("Agenda items 134 and 145")
[(134, None), (145, None)]
>>> agenda_numbers("Agenda item 98 (a) and (b)"), agenda_numbers("Item 35 of the provisional agenda*")
([(98, 'a'), (98, 'b')], [(35, None)])
"""

from __future__ import annotations

import re

from kg.extract.layout import Line, Passage, normalise_space
from kg.model.records import AgendaItem

__all__ = ["AGENDA_LINE", "SESSION_LINE", "agenda_numbers", "indent", "passage_of", "item_titles", "read_items"]

# "Eightieth session", "Seventy-third session", "Tenth emergency special session"
SESSION_LINE = re.compile(r"^\s*([A-Z][a-z]+(?:-[a-z]+)?)(?: (?:emergency )?special)? session\b")
# "Agenda item 16 (a)", "Agenda items 20 and 27", "Item 35 of the provisional agenda*"
AGENDA_LINE = re.compile(
    r"^\s*(?:Agenda items? (?P<items>\d.*?)|Items? (?P<provisional>\d.*?) of the (?:provisional |preliminary )?agenda)"
    r"\s*\**\s*$"
)
# one number with its sub-item, or a sub-item alone after "and" ("98 (a) and (b)")
_ITEM = re.compile(r"(\d+)(?:\s*\(([a-z]{1,2})\))?|\(([a-z]{1,2})\)")


def agenda_numbers(line: str) -> list[tuple[int, str | None]]:
    """The items a heading line names, as (number, sub-item letter or None); [] when it names none."""
    m = AGENDA_LINE.match(line)
    if m is None:
        return []
    spec = m.group("items") or m.group("provisional")
    if re.fullmatch(r"[\d\s(),a-z]+?", spec.replace(" and ", ",")) is None:
        return []
    out: list[tuple[int, str | None]] = []
    for part in _ITEM.finditer(spec):
        if part.group(1):
            out.append((int(part.group(1)), part.group(2)))
        elif out:  # "(b)" of the number before it
            out.append((out[-1][0], part.group(3)))
    return out


def indent(line: Line) -> float | None:
    """Where a line starts: its box's left edge (PDF), else its leading spaces (text), else None."""
    if line.bbox is not None:
        return line.bbox[0]
    spaces = len(line.text) - len(line.text.lstrip(" "))
    return float(spaces) if line.text[:1] == " " or spaces else 0.0


def same_column(a: Line, b: Line) -> bool:
    """Whether two lines start at the same place (within 4 points, or 2 characters)."""
    ia, ib = indent(a), indent(b)
    if ia is None or ib is None:
        return True
    return abs(ia - ib) <= (4.0 if a.bbox is not None else 2.0)


def passage_of(lines: list[Line]) -> Passage:
    """The lines joined into one passage (one space between lines, a hyphen at a line's end kept)."""
    passage = Passage()
    for line in lines:
        text = normalise_space(line.text)
        if passage.text:
            passage.text += "" if re.search(r"[A-Za-z]-$", passage.text) else " "
        passage.starts.append(len(passage.text))
        passage.lines.append(line)
        passage.text += text
    return passage


def item_titles(numbers: list[tuple[int, str | None]], lines: list[Line]) -> tuple[tuple[str | None, ...], str | None]:
    """The title of each item from the lines printed under the agenda line, and why none could be given.

    One item: all its lines are its title. Several items ("Agenda items 134 and 145"): each title starts on a
    line that begins with a capital, after a line that ends short of the column (a title's last line) and not
    on "of", "the", "and" ...; where more lines could start a title than there are items, the ones after the
    shortest lines do. When the lines do not split into as many titles, none is given."""
    if not lines:
        return tuple(None for _ in numbers), None
    distinct = list(dict.fromkeys(numbers))
    if len(distinct) == 1 or len({n for n, _ in numbers}) == 1 and len(numbers) > 1 and _one_title(lines):
        title = _join(lines)
        return tuple(title for _ in numbers), None
    starts = [i for i, line in enumerate(lines) if i > 0 and line.text.strip()[:1].isupper()
              and not _CONTINUES.search(lines[i - 1].text)]
    if lines[0].text.strip()[:1].isupper() and len(starts) >= len(numbers) - 1:
        chosen = sorted(sorted(starts, key=lambda i: _width(lines[i - 1]))[:len(numbers) - 1])
        bounds = [0] + chosen + [len(lines)]
        return tuple(_join(lines[a:b]) for a, b in zip(bounds, bounds[1:])), None
    return tuple(None for _ in numbers), (f"{len(numbers)} agenda items, but the {len(lines)} lines under them do "
                                          "not split into as many titles")


# a line that ends on one of these words goes on in the next line
_CONTINUES = re.compile(r"\b(?:of|the|and|or|for|to|in|on|a|an|by|with|including|its|their|from|at)\s*$")


def _width(line: Line) -> float:
    """How far a line reaches: its box's right edge (PDF), else its length (text)."""
    return line.bbox[2] if line.bbox is not None else float(len(line.text.rstrip()))


def _one_title(lines: list[Line]) -> bool:
    return sum(1 for line in lines if line.text.strip()[:1].isupper()) == 1


def _join(lines: list[Line]) -> str:
    return passage_of(lines).text


def read_items(numbers: list[tuple[int, str | None]], title_lines: list[Line]) -> tuple[tuple[AgendaItem, ...], str | None]:
    """The agenda items with their titles; the second value says why the titles were left out, if they were."""
    titles, problem = item_titles(numbers, title_lines)
    return tuple(AgendaItem(n, sub, t) for (n, sub), t in zip(numbers, titles)), problem
