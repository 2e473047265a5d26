"""The record reader: General Assembly resolutions and recorded votes as the UN's ``data_extract/`` gives them.

The United Nations' repository ``UNxml/GAresolutions`` holds, in ``data_extract/``, one file per session
(``75.json``, ``ES-11.json``), JSON Lines despite the name: one object per resolution with ``symbol``,
``session`` ("Seventy-fifth session"), ``adoption_meeting`` ("3rd plenary meeting"), ``adoption_date``,
``pv``, ``agenda_item``, ``committee``, ``originating_document``, ``report_paragraph``, ``adoption_type``
("By a recorded vote"), the stated totals ``MS_in_favour_count`` ... and the lists ``MS_in_favour``,
``MS_against``, ``MS_abstaining`` (State names in capitals), ``sponsors``, ``additional_sponsors`` and
``subjects``. A file is recognised by its objects' keys, not by its name.

Every name of a vote list is resolved by name and date through ``kg.reference.labels`` (the table
``unxml_names.csv`` for the records' own spellings); a name that resolves to no State is listed in one
``UnresolvedLabels`` error and nothing is returned. A record repeated in a file is kept once and
counted; a record whose lists disagree with its stated totals, or that lists a State twice, is kept
with the failed check. The Members in no list are computed from membership on the date, except where
a check failed (then the lists are not the whole vote, and no State is said not to have voted).
"""

from __future__ import annotations

import csv
import functools
import json
import re
from collections import Counter, defaultdict
from collections.abc import Iterable
from dataclasses import replace
from datetime import date, datetime
from importlib.resources import files as package_files
from pathlib import Path
from typing import Any

from kg.errors import SourceError, UnresolvedName
from kg.extract.dates import MONTHS, make_date, ordinal_words
from kg.extract.rollcalls import UnresolvedLabels, content_hash
from kg.model.rollcalls import CastVote
from kg.model.unxml import (POSITIONS, AgendaItem, RecordSponsor, Repeat, ResolutionRecord, Session, Subject,
                            UnxmlImport)
from kg.reference.groups import Groups
from kg.reference.labels import Labels

__all__ = ["KEYS", "is_record_file", "find_record_files", "read_records", "read_date", "read_session",
           "session_in_progress", "originating"]

# The keys that make an object a resolution record of data_extract/.
KEYS = ("symbol", "session", "adoption_date", "adoption_type", "MS_in_favour", "MS_against", "MS_abstaining")
_COUNTS = {"yes": "MS_in_favour_count", "no": "MS_against_count", "abstain": "MS_abstaining_count"}


def is_record_file(path: Path) -> bool:
    """Whether a file is one of data_extract/'s: its first object carries the record keys."""
    try:
        with path.open(encoding="utf-8") as f:
            first = next((line for line in f if line.strip()), "")
        obj = json.loads(first)
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return False
    return isinstance(obj, dict) and all(k in obj for k in KEYS)


def find_record_files(paths: Iterable[Path]) -> list[Path]:
    """The files given, and the ``.json`` files in each folder given, in order of name."""
    out: list[Path] = []
    for path in paths:
        if path.is_dir():
            out += sorted(p for p in path.iterdir() if p.is_file() and p.suffix.lower() == ".json")
        else:
            out.append(path)
    return out


def read_date(text: str) -> date:
    """The adoption date in either printed form: "21 September 2020" (a no-break space in sessions 79 and 80)
    or "2020-12-10 00:00:00".

    >>> read_date("21 September 2020"), read_date("1\\u00a0December 2025"), read_date("2019-12-27 00:00:00")
    (datetime.date(2020, 9, 21), datetime.date(2025, 12, 1), datetime.date(2019, 12, 27))
    """
    text = text.replace("\u00a0", " ").strip()
    m = re.fullmatch(r"(\d{1,2}) ([A-Z][a-z]+) (\d{4})", text)
    if m and m.group(2) in MONTHS:
        return make_date(int(m.group(3)), MONTHS[m.group(2)], int(m.group(1)))
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}(?: 00:00:00)?", text):
        return datetime.strptime(text[:10], "%Y-%m-%d").date()
    raise ValueError(f"not a date in either printed form: {text!r}")


# "Seventy-fifth session", "Eleventh emergency special session", "Thirty-second special session"
_SESSION = re.compile(r"([A-Za-z-]+) (emergency special |special )?session")


def read_session(text: str) -> Session:
    """ "Eleventh emergency special session" -> Session("emergency special", 11).

    >>> read_session("Seventy-fifth session"), read_session("Eleventh emergency special session").designation
    (Session(kind='regular', number=75), 'ES-11')
    """
    m = _SESSION.fullmatch(text.strip())
    number = ordinal_words(m.group(1)) if m else None
    if m is None or number is None:
        raise ValueError(f"not a session as the records name one: {text!r}")
    return Session((m.group(2) or "regular ").strip(), number)


@functools.cache
def _openings() -> tuple[tuple[date, int], ...]:
    with (package_files("kg.reference") / "ga_sessions.csv").open(encoding="utf-8") as f:
        return tuple(sorted((date.fromisoformat(r["opened"]), int(r["session"])) for r in csv.DictReader(f)))


def session_in_progress(day: date) -> int | None:
    """The regular session in progress on ``day``, from the opening dates of ``kg/reference/ga_sessions.csv``;
    None before the first and after the year following the last (an emergency special session meets while a
    regular session is in progress: ES-11 in the seventy-sixth).

    >>> session_in_progress(date(2022, 3, 2)), session_in_progress(date(2024, 9, 18))
    (76, 79)
    """
    openings = _openings()
    found = None
    for opened, session in openings:
        if opened <= day:
            found = session
    if found is None or (found == openings[-1][1] and day >= openings[-1][0].replace(year=openings[-1][0].year + 1)):
        return None
    return found


# "3rd plenary meeting", "54th (resumed) plenary meeting", "Adopted without vote, 83rd plenary meeting"
_MEETING = re.compile(r"(?:.*, )?(\d+)(?:st|nd|rd|th)(?: \(resumed\))? plenary meeting")
# "A/75/PV.3", "A/79/PV.55 (Resumption 1)", "A/ES-11/PV.5", "A/75/PV.66 (resumed)"
_MEETING_RECORD = re.compile(r"(A/(?:ES-|S-)?\d+/PV\.\d+)(?: \((?:Resumption \d+|resumed)\))?")
# "Agenda item 128 (a)", "Agenda items 14 and 119"
_AGENDA = re.compile(r"Agenda items? (.+)")
_ITEM = re.compile(r"(\d+)(?: \(([a-z]+)\))?")
# "A/75/L.5", "A/75/L.5/Rev.1", "A/ES-11/L.1", "A/75/414", "A/75/457/Add.4"
_SYMBOL = re.compile(r"A/(?:(?:ES-|S-)?\d+)/(?:L\.\d+|\d+)(?:/Rev\.\d+)?(?:/Add\.\d+)?(?:/Corr\.\d+)?")
_COMMITTEES = ("First Committee", "Second Committee", "Third Committee", "Fourth Committee", "Fifth Committee",
               "Sixth Committee")
# the Akoma Ntoso reference for the Fifth Committee, where five records of session 79 give it
_COMMITTEE_REFS = {"#fifthCommittee": "Fifth Committee"}
_NO_COMMITTEE = "Without reference to a Main Committee"


def originating(text: str) -> tuple[tuple[str, ...], str | None, str | None]:
    """The drafts, or the committee report and its paragraph, of ``originating_document``.

    "A/75/L.5 and A/75/L.5/Add.1" is draft A/75/L.5 and its addendum; "A/75/414, para. 8" is paragraph 8 of
    the committee report A/75/414; "A/75/L.64 (as amended in A/75/L.71)": the draft, and the amendment.

    >>> originating("A/75/L.5 and A/75/L.5/Add.1"), originating("A/75/414, para. 8")
    ((('A/75/L.5', 'A/75/L.5/Add.1'), None, None), ((), 'A/75/414', '8'))
    """
    found = _SYMBOL.findall(text.replace(" /", "/"))
    drafts = tuple(dict.fromkeys(s for s in found if "/L." in s))
    reports = [s for s in found if "/L." not in s]
    para = re.search(r"para\. (\d+)", text)
    report = reports[0] if reports and not drafts else None
    return drafts, report, para.group(1) if para and report else None


def _count(record: dict[str, Any], key: str) -> int:
    # "141"; "" and "N.A." in 74.json stand for none ("MS_against_count": "N.A." on A/RES/74/9, adopted 137-0-2);
    # where a list is not empty, the check of the totals reports the disagreement
    text = str(record.get(key) or "").strip()
    return 0 if text in ("", "N.A.") else int(text)


# An entry of "sponsors" names one sponsor or several, in capitals or not:
#   "CUBA"; "BOLIVIA (PLURINATIONAL STATE OF)";
#   "UGANDA (ON BEHALF OF THE STATES MEMBERS ... THAT ARE MEMBERS OF THE GROUP OF 77 AND CHINA)";
#   "INDONESIA, ON BEHALF OF THE STATES MEMBERS ... OF THE MOVEMENT OF NON-ALIGNED COUNTRIES";
#   "UNITED ARAB EMIRATES (IN ITS CAPACITY AS CHAIR OF THE COMMITTEE ON THE PEACEFUL USES OF OUTER SPACE)";
#   "Australia, Austria, Ireland, Kazakhstan, ..."; "Cuba (on behalf of ... Non-Aligned Countries) and Russian Federation".
# A State "on behalf of" a group presents the draft for the group, which is the sponsor (as a draft's heading
# "Iraq:*" with its footnote); "in its capacity as" Chair of a body, the State itself sponsors.
_QUALIFIER = re.compile(r"(?: \(|,? )(on behalf of|in its capacity as) ", re.I)


def _top_level(text: str, separator: str) -> list[int]:
    """Where ``separator`` occurs in ``text`` outside parentheses."""
    depth, found = 0, []
    for i, c in enumerate(text):
        depth += (c == "(") - (c == ")")
        if depth == 0 and text.startswith(separator, i):
            found.append(i)
    return found


def _sponsor(labels: Labels, groups: Groups, text: str, day: date) -> RecordSponsor | None:
    """One sponsor ("X", "X (on behalf of ... group)", "X (in its capacity as ...)"), or None if not understood."""
    m = _QUALIFIER.search(text)
    name = text[:m.start()] if m else text
    if m and m.group(0).startswith(" (") and _top_level(text[m.start() + 1:], ")") != [len(text) - m.start() - 2]:
        return None  # "X (on behalf of ...) and Y": the parenthesis closes before the end
    try:
        state = labels.resolve(name, day)
    except UnresolvedName:
        return None
    if m and m.group(1).lower() == "on behalf of":
        group = groups.find("on behalf of " + text[m.end():])
        return RecordSponsor(group.key, text, False, presented_by=state) if group else None
    return RecordSponsor(state, text, False)


def _sponsors(labels: Labels, groups: Groups, entry: str, day: date) -> list[RecordSponsor] | None:
    """The sponsors one entry names, split at a comma or an "and" between names; None if not understood."""
    text = " ".join(entry.split())
    whole = _sponsor(labels, groups, text, day)
    if whole is not None:
        return [whole]
    for separator in (", ", " and ", " AND "):
        for i in _top_level(text, separator):
            first = _sponsor(labels, groups, text[:i], day)
            rest = _sponsors(labels, groups, text[i + len(separator):], day) if first else None
            if first is not None and rest is not None:
                return [first, *rest]
    return None


def _differing(a: dict[str, Any], b: dict[str, Any]) -> tuple[str, ...]:
    return tuple(sorted(k for k in set(a) | set(b) if a.get(k) != b.get(k)))


def read_records(paths: Iterable[Path], labels: Labels | None = None) -> UnxmlImport:
    """The resolution records in the files and folders ``paths``."""
    labels = labels or Labels.load("unxml")
    groups = Groups.load()
    files = find_record_files(paths)
    if not files:
        raise SourceError("(no files)", "no record files (.json)", rule="record-files")
    raw: list[tuple[str, int, dict[str, Any]]] = []
    repeats: list[Repeat] = []
    for path in files:
        if not is_record_file(path):
            raise SourceError(path.name, f"not a file of resolution records (objects with {', '.join(KEYS)})",
                              rule="record-files")
        first: dict[str, tuple[int, dict[str, Any]]] = {}
        copies: dict[str, list[int]] = defaultdict(list)
        differ: dict[str, set[str]] = defaultdict(set)
        with path.open(encoding="utf-8") as f:
            for number, line in enumerate(f, 1):
                if not line.strip():
                    continue
                try:
                    obj = json.loads(line)
                except json.JSONDecodeError as exc:
                    raise SourceError(path.name, f"not a JSON object: {exc.msg}", rule="json-lines",
                                      line=number) from None
                symbol = str(obj.get("symbol", "")).strip()
                if not symbol:
                    raise SourceError(path.name, "a record without a symbol", rule="record-symbol", line=number)
                if symbol in first:  # the repeat is counted and kept once (the first)
                    copies[symbol].append(number)
                    differ[symbol] |= set(_differing(first[symbol][1], obj))
                    continue
                first[symbol] = (number, obj)
                raw.append((path.name, number, obj))
        for symbol, lines in copies.items():
            repeats.append(Repeat(path.name, symbol, (first[symbol][0], *lines), tuple(sorted(differ[symbol]))))

    warnings: list[str] = []
    unresolved: dict[str, list[Any]] = {}
    records: list[ResolutionRecord] = []
    members_on = functools.lru_cache(maxsize=None)(labels.register.members_on)
    for file, line, obj in raw:
        where = f"{file}, line {line}"
        symbol = str(obj["symbol"]).strip()
        try:
            session = read_session(str(obj["session"]))
        except ValueError as exc:
            raise SourceError(file, f"{symbol}: {exc}", rule="record-session", line=line) from None
        printed = str(obj.get("adoption_date") or "")
        notes: list[str] = []
        try:
            adopted: date | None = read_date(printed)
        except ValueError as exc:
            adopted = None
            notes.append(f"adoption date left out: {exc}")
        regular = session.number if session.kind == "regular" else (
            session_in_progress(adopted) if adopted else None)
        if regular is None:
            raise SourceError(file, f"{symbol}: no regular session known to be in progress on {printed!r}",
                              rule="session-in-progress", line=line)
        meeting_text = str(obj.get("adoption_meeting") or "")
        m = _MEETING.fullmatch(meeting_text.strip())
        if m is None and meeting_text:
            notes.append(f"meeting not understood: {meeting_text!r}")
        pv = _MEETING_RECORD.fullmatch(str(obj.get("pv") or "").strip())
        meeting = int(m.group(1)) if m else None
        # A/RES/78/69 (seventy-eighth session) gives the meeting record A/77/PV.43: left out
        if pv and not pv.group(1).startswith(f"A/{session.designation}/PV."):
            notes.append(f"meeting record left out: {pv.group(1)} is not of the {session.designation} session")
            pv = None
        # A/RES/ES-11/1: "1st plenary meeting" beside the meeting record A/ES-11/PV.5; the number is left out
        if meeting is not None and pv and int(pv.group(1).rsplit(".", 1)[1]) != meeting:
            notes.append(f"meeting left out: {meeting_text!r} disagrees with the meeting record {pv.group(1)}")
            meeting = None
        items: list[AgendaItem] = []
        agenda = _AGENDA.fullmatch(str(obj.get("agenda_item") or "").strip())
        if agenda:
            items = [AgendaItem(int(n), sub or None) for n, sub in _ITEM.findall(agenda.group(1))]
        elif obj.get("agenda_item"):
            notes.append(f"agenda item not understood: {obj['agenda_item']!r}")
        committee_text = str(obj.get("committee") or "").strip()
        committee = _COMMITTEE_REFS.get(committee_text, committee_text)
        if committee == _NO_COMMITTEE:
            committee_name = None
        elif committee in _COMMITTEES:
            committee_name = committee
        else:
            committee_name = None
            notes.append(f"committee not understood: {committee_text!r}")
        drafts, report, para = originating(str(obj.get("originating_document") or ""))
        if report and para is None:  # "A/74/601" with the paragraph in report_paragraph ("6")
            given = str(obj.get("report_paragraph") or "").strip()
            para = given if given.isdigit() else None
        adoption = str(obj.get("adoption_type") or "").strip()
        recorded = adoption == "By a recorded vote"
        if adoption not in ("By a recorded vote", "Without a vote"):
            notes.append(f"adoption not stated ({adoption!r})")

        stated = {pos: _count(obj, key) for pos, key in _COUNTS.items()} if recorded else {}
        listed: dict[str, list[CastVote]] = {}
        if recorded:
            for field, position in POSITIONS.items():
                names = [str(n).strip() for n in obj.get(field) or []]
                listed[position] = []
                for name in names:
                    try:
                        key = labels.resolve(name, adopted) if adopted else labels.resolve(name, date.max)
                    except UnresolvedName as exc:
                        seen = unresolved.setdefault(name, [adopted, adopted, 0, exc.message, where])
                        seen[2] += 1
                        continue
                    listed[position].append(CastVote(key, position, name))
        failures: list[str] = []
        for position, votes in listed.items():
            if len(votes) != stated[position]:
                gap = stated[position] - len(votes)
                failures.append(f"{symbol}: stated {position}={stated[position]}, listed {len(votes)} "
                                + (f"(missing: {gap})" if gap > 0 else f"(extra: {-gap})"))
        times = Counter(v.key for votes in listed.values() for v in votes)
        positions = defaultdict(set)
        for votes in listed.values():
            for v in votes:
                positions[v.key].add(v.position)
        twice = sorted(key for key, n in times.items() if n > 1)
        if twice:
            failures.append(f"{symbol}: {len(twice)} States listed more than once: "
                            + ", ".join(f"{key} {times[key]} times ({', '.join(sorted(positions[key]))})"
                                        for key in twice))
        cast: dict[str, CastVote] = {}
        for votes in listed.values():
            for v in votes:
                if len(positions[v.key]) == 1:  # a State in two lists is left out: its position is not known
                    cast.setdefault(v.key, v)
        non_voting: tuple[str, ...] = ()
        if recorded and not failures and adopted:
            non_voting = tuple(sorted(members_on(adopted) - set(cast)))
            for key in sorted(set(cast) - members_on(adopted)):
                failures.append(f"{symbol}: {cast[key].label} ({key}) listed, not a Member on {adopted}")

        sponsors: list[RecordSponsor] = []
        for field, additional in (("sponsors", False), ("additional_sponsors", True)):
            for name in obj.get(field) or []:
                if not str(name).strip():
                    continue
                found = _sponsors(labels, groups, str(name), adopted or date.max)
                if found is None:
                    warnings.append(f"{where}: {symbol}: {field} entry {name!r} is not read as the names of States"
                                    " or of a group that a State presented the draft for")
                    continue
                sponsors.extend(replace(s, additional=additional) for s in found)
        subjects = tuple(Subject(str(t).strip(), str(v).strip()) for t, v in obj.get("subjects") or []
                         if str(t).strip())
        records.append(ResolutionRecord(
            file=file, line=line, symbol=symbol, title=str(obj.get("title") or "").strip(), session=session,
            regular_session=regular, adopted=adopted, date_as_printed=printed,
            meeting=meeting, meeting_record=pv.group(1) if pv else None,
            agenda_items=tuple(items), agenda_item_title=str(obj.get("agenda_item_name") or "").strip(),
            committee=committee_name, report=report, report_paragraph=para, drafts=drafts, recorded_vote=recorded,
            stated=stated, votes=tuple(sorted(cast.values(), key=lambda v: v.key)), non_voting=non_voting,
            failures=tuple(failures), sponsors=tuple({(x.key, x.additional): x for x in reversed(sponsors)}.values())[::-1], subjects=tuple(dict.fromkeys(subjects)),
            notes=tuple(notes)))
    if unresolved:
        listed_names = tuple(sorted((name, first, last, n, f"{why} (first in {where})")
                                    for name, (first, last, n, why, where) in unresolved.items()))
        raise UnresolvedLabels(
            ", ".join(p.name for p in files),
            f"{len(listed_names)} State names of the vote lists do not resolve on their dates: "
            + "; ".join(f"{name!r} ({n} votes: {why})" for name, _, _, n, why in listed_names),
            rule="known-state-name", labels=listed_names)
    return UnxmlImport(source=", ".join(p.name for p in files), content_hash=content_hash(files),
                       records=tuple(records), repeats=tuple(repeats), warnings=tuple(warnings))
