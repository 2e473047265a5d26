"""Dates and ordinals as UN prose writes them: "on 8 November", "from 8 to 12 and from 15 to 18 October",
"seventy-third session", "31st meeting". The year of a date without one comes from the session.

>>> session_year(73, "November"), session_year(73, "March")
(2018, 2019)
>>> [d.isoformat() for d in day_list("on 18 and 19, from 22 to 23 October", 73)]
['2018-10-18', '2018-10-19', '2018-10-22', '2018-10-23']
>>> ordinal_words("seventy-fifth"), ordinal_words("Sixty-seventh")
(75, 67)
"""

from __future__ import annotations

import re
from datetime import date, timedelta

from kg.errors import InvalidDate

__all__ = ["MONTHS", "DATE_RE", "session_year", "make_date", "parse_date", "day_list", "ordinal_words"]

MONTHS = {
    m: i
    for i, m in enumerate(
        ["January", "February", "March", "April", "May", "June", "July", "August",
         "September", "October", "November", "December"],
        start=1,
    )
}
_MONTH = "(?:" + "|".join(MONTHS) + ")"
# "9 December 1981", "8 November"
DATE_RE = re.compile(r"\b(\d{1,2}) (" + _MONTH + r")(?: (\d{4}))?\b")

_UNITS = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven",
          "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"]
_TENS = {"twenty": 20, "thirty": 30, "forty": 40, "fifty": 50, "sixty": 60, "seventy": 70, "eighty": 80, "ninety": 90}
_ORDINAL_UNITS = {"first": 1, "second": 2, "third": 3, "fourth": 4, "fifth": 5, "sixth": 6, "seventh": 7,
                  "eighth": 8, "ninth": 9, "tenth": 10, "eleventh": 11, "twelfth": 12, "thirteenth": 13,
                  "fourteenth": 14, "fifteenth": 15, "sixteenth": 16, "seventeenth": 17, "eighteenth": 18,
                  "nineteenth": 19}
_ORDINAL_TENS = {"twentieth": 20, "thirtieth": 30, "fortieth": 40, "fiftieth": 50, "sixtieth": 60,
                 "seventieth": 70, "eightieth": 80, "ninetieth": 90}


def session_year(session: int, month: str) -> int:
    """The year of a month in a regular session: it opens in September of 1945 + session."""
    return 1945 + session + (0 if MONTHS[month] >= 9 else 1)


def make_date(year: int, month: int, day: int) -> date:
    """The date, or ``InvalidDate`` naming what the text printed."""
    try:
        return date(year, month, day)
    except ValueError:
        raise InvalidDate(f"no such date: {day} {list(MONTHS)[month - 1]} {year}") from None


def parse_date(day: str, month: str, year: str | None, session: int) -> date:
    return make_date(int(year) if year else session_year(session, month), MONTHS[month], int(day))


def day_list(phrase: str, session: int) -> list[date]:
    """Every day named by a phrase of days, ranges ("from 8 to 12") and months; a month or a year
    applies to the days written before it."""
    items: list[dict[str, int]] = []
    in_range = False
    for token in re.findall(r"\d{4}|\d{1,2}|" + _MONTH + r"|\bto\b", phrase):
        if token == "to":
            in_range = True
        elif token in MONTHS:
            for item in items:
                item.setdefault("month", MONTHS[token])
                item.setdefault("year", session_year(session, token))
        elif len(token) == 4:
            for item in items:
                item.setdefault("explicit_year", int(token))
        else:
            items.append({"day": int(token), "range": int(in_range)})
            in_range = False
    out: list[date] = []
    previous: date | None = None
    for item in items:
        if "month" not in item:
            continue
        day = make_date(item.get("explicit_year", item["year"]), item["month"], item["day"])
        if item["range"] and previous is not None:
            out.extend(previous + timedelta(n) for n in range(1, (day - previous).days + 1))
        else:
            out.append(day)
        previous = day
    return sorted(set(out))


def ordinal_words(text: str) -> int | None:
    """The number of an English ordinal in words ("seventy-third") or digits ("73rd")."""
    t = text.strip().lower()
    m = re.fullmatch(r"(\d+)(?:st|nd|rd|th)", t)
    if m:
        return int(m.group(1))
    parts = t.split("-")
    if len(parts) == 1:
        return _ORDINAL_UNITS.get(t) or _ORDINAL_TENS.get(t)
    if len(parts) == 2 and parts[0] in _TENS and parts[1] in _ORDINAL_UNITS:
        return _TENS[parts[0]] + _ORDINAL_UNITS[parts[1]]
    return None
