"""The roll-call reader: the General Assembly's plenary record as the R package ``unvotes`` publishes it.

The package (Voeten's data, CC0; the package MIT) holds three tables, as ``.rda`` files
(``un_roll_calls.rda``, ``un_votes.rda``, ``un_roll_call_issues.rda``) and, in other copies, as CSV
files with the same columns. A table is recognised by its columns, not by its file name:

- roll calls: ``rcid, session, importantvote, date, unres, amend, para, short, descr``;
- votes: ``rcid, country, vote`` (``country_code`` and other columns are ignored);
- issues (optional): ``rcid, short_name, issue``.

Every label of the votes table is resolved by label and date through ``kg.reference.labels``; a
label that resolves to no state, or to two, is listed in one ``UnresolvedLabels`` error and nothing
is returned. The Members that did not vote are computed from membership on the roll call's date.
"""

from __future__ import annotations

import calendar
import csv
import functools
import hashlib
import math
import re
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any

from kg.errors import SourceError, UnresolvedName
from kg.model.rollcalls import Anomaly, CastVote, Issue, RollCall, RollCallImport
from kg.reference.labels import Labels

__all__ = ["UnresolvedLabels", "TABLES", "find_files", "content_hash", "read_rollcalls", "un_symbol", "day_certain",
           "members_during"]

Table = dict[str, list[Any]]

# The tables by the columns that identify them.
TABLES: dict[str, tuple[str, ...]] = {
    "roll calls": ("rcid", "session", "date", "unres", "short", "descr"),
    "votes": ("rcid", "country", "vote"),
    "issues": ("rcid", "short_name", "issue"),
}
_SUFFIXES = (".rda", ".rdata", ".csv")
_POSITIONS = ("yes", "no", "abstain")


@dataclass
class UnresolvedLabels(SourceError):
    """Labels of the votes table that name no state (or two) on the dates they are used."""

    labels: tuple[tuple[str, date, date, int, str], ...] = ()  # label, first date, last date, votes, why


def find_files(paths: Iterable[Path]) -> list[Path]:
    """The files given, and the ``.rda``/``.csv`` files in each folder given, in order of name."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() in _SUFFIXES)
        else:
            out.append(path)
    return out


def content_hash(files: list[Path], sessions: Iterable[int] = ()) -> str:
    """The sha256 over the files' names and bytes and the selected sessions: what an import depends on."""
    digest = hashlib.sha256()
    for path in sorted(files, key=lambda p: p.name):
        digest.update(path.name.encode("utf-8") + b"\0" + hashlib.sha256(path.read_bytes()).digest())
    digest.update(("sessions:" + ",".join(str(s) for s in sorted(set(sessions)))).encode("ascii"))
    return digest.hexdigest()


def _missing(value: Any) -> bool:
    # R's NA arrives as NaN from .rda files, as "" or "NA" from CSV files
    return value is None or (isinstance(value, float) and math.isnan(value)) or value in ("", "NA")


def _int(value: Any) -> int:
    # "73.0" (CSV written from R's doubles), 73.0, 73
    return int(float(value))


def _flag(value: Any) -> bool | None:
    # importantvote, amend, para: 1, 0 or NA ("1", "0", "" in CSV)
    return None if _missing(value) else bool(_int(value))


def _text(value: Any) -> str:
    return "" if _missing(value) else str(value).strip()


def _day(value: Any) -> date:
    # datetime.date(2018, 12, 5) from .rda files, "2018-12-05" from CSV files
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _read_table(path: Path) -> list[tuple[str, Table]]:
    """The tables in one file, each as columns of values."""
    if path.suffix.lower() == ".csv":
        with path.open(encoding="utf-8", newline="") as f:
            reader = csv.reader(f)
            header = next(reader, [])
            columns: Table = {name: [] for name in header}
            lists = [columns[name] for name in header]
            for row in reader:
                for values, value in zip(lists, row):
                    values.append(value)
        return [(path.name, columns)]
    import pyreadr  # heavy (pandas): imported on first use

    try:
        frames = pyreadr.read_r(str(path))
    except pyreadr.custom_errors.PyreadrError as exc:
        raise SourceError(path.name, f"not an R data file pyreadr can read: {exc}", rule="roll-call-tables") from exc
    return [(f"{path.name}:{name}", {c: frame[c].tolist() for c in frame.columns}) for name, frame in frames.items()]


def _tables(files: list[Path]) -> dict[str, tuple[str, Table]]:
    found: dict[str, tuple[str, Table]] = {}
    for path in files:
        for name, table in _read_table(path):
            kind = next((k for k, cols in TABLES.items() if set(cols) <= set(table)), None)
            if kind is None:
                continue
            if kind in found:
                raise SourceError(name, f"a second {kind} table (the first is {found[kind][0]})",
                                  rule="roll-call-tables")
            found[kind] = (name, table)
    for kind in ("roll calls", "votes"):
        if kind not in found:
            raise SourceError(", ".join(p.name for p in files) or "(no files)",
                              f"no {kind} table (columns {', '.join(TABLES[kind])})", rule="roll-call-tables")
    return found


# "R/73/27", "A/RES/71/28", "R/51/45A": resolution 27 of the 73rd session, part A of 51/45
_RESOLUTION = re.compile(r"(?:R|A/RES)/(\d+)/(\d+)([A-Z]?)")
# "A/RES/ES-10/19": a resolution of an emergency special session, already in the UN's form
_EMERGENCY = re.compile(r"A/RES/ES-\d+/\d+")
FIRST_CERTAIN_SESSION = 31


def un_symbol(identifier: str, session: int) -> str | None:
    """The UN symbol of a resolution identifier where that form is certain, else None.

    From the 31st session (1976) the General Assembly numbers its resolutions by session, and the
    dataset's "R/73/27" and "A/RES/71/28" are A/RES/73/27 and A/RES/71/28; a letter is a part of an
    omnibus resolution. Before, resolutions were numbered in one series ("2758 (XXVI)"), and the
    dataset's "R/26/2758A" or "R/5/233A" do not say which text or part was voted on: they are kept as
    given. So are forms the rule does not know ("R/33/116A/I", "R/61/128AB") and numbers whose session
    is not the roll call's ("R/677/46" in session 67).

    >>> un_symbol("R/73/27", 73), un_symbol("A/RES/71/28", 71), un_symbol("R/51/45A", 51)
    ('A/RES/73/27', 'A/RES/71/28', 'A/RES/51/45 A')
    >>> un_symbol("R/5/233A", 5), un_symbol("R/33/116A/I", 33), un_symbol("R/677/46", 67)
    (None, None, None)
    """
    if session < FIRST_CERTAIN_SESSION:
        return None
    if _EMERGENCY.fullmatch(identifier):
        return identifier
    m = _RESOLUTION.fullmatch(identifier)
    if m is None or int(m.group(1)) != session:
        return None
    return f"A/RES/{m.group(1)}/{m.group(2)}" + (f" {m.group(3)}" if m.group(3) else "")


LAST_SESSION_WITH_WEEKDAY_DATES = 57


def day_certain(day: date, session: int) -> bool:
    """Whether the dataset's day of the month can be taken as the day of the vote.

    In the roll calls of sessions 1 to 57 as first coded, the day runs from 1 to 7 only, and it is not the
    day of the vote: R/26/2758 (voted on 25 October 1971) is dated 1971-10-07, R/46/46 (9 December 1991)
    1991-12-02, R/51/45 (10 December 1996) 1996-12-03, R/55/20 (9 November 2000) 2000-11-06. The roll calls
    added later to those sessions have true days (1999-12-17, 2002-11-22). So a day of 1 to 7 in a session
    up to the 57th gives the year and the month only; from the 58th session (R/58/7, 4 November 2003) the
    dates are the days of the votes.

    >>> day_certain(date(1971, 10, 7), 26), day_certain(date(2002, 11, 22), 57), day_certain(date(2018, 12, 5), 73)
    (False, True, True)
    """
    return session > LAST_SESSION_WITH_WEEKDAY_DATES or day.day > 7


def members_during(members_on: Callable[[date], set[str]], day: date, certain: bool) -> tuple[set[str], set[str]]:
    """The Members on every day the date may mean, and those on any of those days (admissions and ends of
    membership fall on the first day of a month or later, so the month's first and last days decide)."""
    if certain:
        members = members_on(day)
        return members, members
    first = members_on(day.replace(day=1))
    last = members_on(day.replace(day=calendar.monthrange(day.year, day.month)[1]))
    return first & last, first | last


# "A/73/251 96 - Developments in the field of information and telecommunications in the context of
#  international security. - INFORMATION--INTERNATIONAL SECURITY" (sessions 70 to 73: the agenda, the
#  item, the item's title, a subject); "A/73/251 101ff - Preventing and combating illicit brokering
#  activities. - ILLICIT TRAFFIC" is sub-item ff of item 101
_AGENDA_ITEM = re.compile(r"A/\d+/\d+ (\d+)[a-z]* - (.+?)\.? - [A-Z][^a-z]*$")
# "Developments in the field of … international security : resolution / adopted by the General Assembly",
# "Reducing nuclear danger: resolution / adopted by the General Assemby"
_CATALOGUE_TAIL = re.compile(r"\s*:\s*resolution\s*/.*$")


def _issues(table: Table | None) -> tuple[dict[int, tuple[str, ...]], tuple[Issue, ...]]:
    if table is None:
        return {}, ()
    codes: dict[int, list[str]] = defaultdict(list)
    labels: dict[str, str] = {}
    # 77, "me", "Palestinian conflict"
    for rcid, code, label in zip(table["rcid"], table["short_name"], table["issue"]):
        code = _text(code)
        codes[_int(rcid)].append(code)
        labels[code] = _text(label)
    return ({rcid: tuple(sorted(set(c))) for rcid, c in codes.items()},
            tuple(Issue(code, label) for code, label in sorted(labels.items())))


def read_rollcalls(paths: Iterable[Path], labels: Labels | None = None,
                   sessions: Iterable[int] = ()) -> RollCallImport:
    """The roll calls (of the ``sessions`` given, else all) in the files and folders ``paths``."""
    labels = labels or Labels.load("unvotes")
    files = find_files(paths)
    selected = set(sessions)
    tables = _tables(files)
    rc_name, rc = tables["roll calls"]
    issue_codes, issues = _issues(tables["issues"][1] if "issues" in tables else None)

    heads: dict[int, dict[str, Any]] = {}
    for i, rcid_value in enumerate(rc["rcid"]):
        rcid, session = _int(rcid_value), _int(rc["session"][i])
        if selected and session not in selected:
            continue
        if rcid in heads:
            raise SourceError(rc_name, f"roll call {rcid} twice", rule="one-row-per-roll-call")
        day = _day(rc["date"][i])
        identifier = _text(rc["unres"][i])
        description = _text(rc["descr"][i])
        item = _AGENDA_ITEM.match(description)
        heads[rcid] = {
            "rcid": rcid, "session": session, "date_given": day, "day_certain": day_certain(day, session),
            "identifier": identifier, "symbol": un_symbol(identifier, session),
            "important": _flag(rc["importantvote"][i]) if "importantvote" in rc else None,
            "amendment": _flag(rc["amend"][i]) if "amend" in rc else None,
            "paragraph": _flag(rc["para"][i]) if "para" in rc else None,
            "short": _text(rc["short"][i]), "title": _CATALOGUE_TAIL.sub("", _text(rc["short"][i])),
            "description": description,
            "agenda_item": int(item.group(1)) if item else None, "agenda_item_title": item.group(2) if item else None,
            "issues": issue_codes.get(rcid, ()),
        }

    votes_name, votes = tables["votes"]
    cast: dict[int, list[CastVote]] = defaultdict(list)
    keys: dict[tuple[str, date], str] = {}
    unresolved: dict[str, list[Any]] = {}
    for rcid_value, label_value, position_value in zip(votes["rcid"], votes["country"], votes["vote"]):
        head = heads.get(_int(rcid_value))
        if head is None:
            if not selected:
                raise SourceError(votes_name, f"a vote on roll call {_int(rcid_value)}, which the roll calls "
                                  f"({rc_name}) do not hold", rule="known-roll-call")
            continue
        label, day = str(label_value), head["date_given"]
        key = keys.get((label, day))
        if key is None:
            try:
                key = keys[(label, day)] = labels.resolve(label, day)
            except UnresolvedName as exc:
                seen = unresolved.setdefault(label, [day, day, 0, exc.message])
                seen[0], seen[1], seen[2] = min(seen[0], day), max(seen[1], day), seen[2] + 1
                continue
        # yes | no | abstain: the dataset keeps no row for an absent or non-voting state
        position = str(position_value)
        if position not in _POSITIONS:
            raise SourceError(votes_name, f"roll call {head['rcid']}: vote {position!r} of {label!r} is not one of "
                              f"{', '.join(_POSITIONS)}", rule="vote-position")
        cast[head["rcid"]].append(CastVote(key, position, label))
    if unresolved:
        listed = tuple(sorted((label, *seen) for label, seen in unresolved.items()))  # type: ignore[misc]
        raise UnresolvedLabels(
            votes_name,
            f"{len(listed)} state labels do not resolve on their dates: "
            + "; ".join(f"{label!r} ({first} to {last}, {n} votes: {why})" for label, first, last, n, why in listed),
            rule="known-state-label", labels=listed)

    roll_calls, anomalies = [], []
    members_on = functools.lru_cache(maxsize=None)(labels.register.members_on)
    for rcid in sorted(heads):
        head = heads[rcid]
        ballot = sorted(cast.get(rcid, ()), key=lambda v: v.key)
        voters = Counter(v.key for v in ballot)
        twice = sorted(k for k, n in voters.items() if n > 1)
        if twice:
            raise SourceError(votes_name, f"roll call {rcid}: {', '.join(twice)} voted twice "
                              f"({', '.join(v.label for v in ballot if v.key in twice)})", rule="one-vote-per-state")
        whole, some = members_during(members_on, head["date_given"], head["day_certain"])
        for v in ballot:
            if v.key not in some:
                when = head["date_given"].isoformat() if head["day_certain"] else head["date_given"].strftime("%Y-%m")
                anomalies.append(Anomaly(rcid, v.key, v.label, f"voted on {when}, when the register has it as no Member"))
        roll_calls.append(RollCall(**head, votes=tuple(ballot), non_voting=tuple(sorted(whole - set(voters)))))
    return RollCallImport(
        source=", ".join(p.name for p in files),
        content_hash=content_hash(files, selected),
        sessions=tuple(sorted(selected)),
        roll_calls=tuple(roll_calls),
        issues=issues,
        anomalies=tuple(anomalies),
    )
