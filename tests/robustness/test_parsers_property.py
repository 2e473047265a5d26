"""Property-based tests of the text parsers: arbitrary and mutated input never crashes a parser with
anything but the project's own error, never yields a vote whose lists disagree with its stated
totals without a failed check, and never names a state that the text does not print."""

from __future__ import annotations

import re

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from kg import symbols
from kg.pipeline.build import sample_path
from kg.errors import SourceError, UnkgError
from kg.extract.layout import assemble
from kg.extract.report import parse_report
from kg.extract.text import classify
from kg.model.checks import check_report
from kg.reference.register import Register

SAMPLE = sample_path().read_text(encoding="utf-8")
REGISTER = Register.load()
LINES = SAMPLE.split("\n")


def read(text: str):
    """The report in ``text``, or None when a parser refused it with the project's own error."""
    try:
        return parse_report(assemble("A_73_505.txt", classify(text.split("\n"))), "A/73/505", "h", REGISTER)
    except UnkgError:
        return None


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_sound(text: str) -> None:
    report = read(text)
    if report is None:
        return
    failures = {(f.rule, f.message.split(":")[0]) for f in check_report(report, REGISTER.members_on)}
    source = squeeze(text)
    for vote in report.votes:
        for position, stated in vote.stated.items():
            if len(vote.lists.get(position, ())) != stated:
                assert ("stated-total-equals-list", f"vote on {vote.draft}") in failures
        for refs in vote.lists.values():
            for ref in refs:
                assert squeeze(ref.printed) in source
    for s in report.sponsorships:
        assert squeeze(s.sponsor.printed) in source


SETTINGS = settings(deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(st.text(max_size=2000))
def test_arbitrary_text(text):
    assert_sound(text)


@SETTINGS
@given(st.integers(min_value=0, max_value=len(SAMPLE)))
def test_truncated_documents(cut):
    assert_sound(SAMPLE[:cut])


def test_a_73_505_cut_after_its_first_heading_is_refused_with_the_rule():
    # found by the fuzzing run: "  I. Introduction" and nothing under it
    with pytest.raises(SourceError) as caught:
        parse_report(assemble("A_73_505.txt", classify(SAMPLE[:17].split("\n"))), "A/73/505", "h", REGISTER)
    assert caught.value.rule == "agenda-item"


NUMBER = re.compile(r"\b\d{1,3}\b")


@SETTINGS
@given(st.data())
def test_mutated_numbers(data):
    spots = list(NUMBER.finditer(SAMPLE))
    chosen = data.draw(st.lists(st.sampled_from(spots), min_size=1, max_size=4, unique_by=lambda m: m.start()))
    text = SAMPLE
    for m in sorted(chosen, key=lambda m: -m.start()):
        text = text[: m.start()] + str(data.draw(st.integers(0, 250))) + text[m.end():]
    assert_sound(text)


NAMES = sorted({n for n in REGISTER.names_of("FRA") | REGISTER.names_of("CIV") | REGISTER.names_of("PRK")})


@SETTINGS
@given(st.data())
def test_mutated_names_punctuation_and_line_breaks(data):
    lines = list(LINES)
    for _ in range(data.draw(st.integers(1, 5))):
        i = data.draw(st.integers(0, len(lines) - 1))
        action = data.draw(st.sampled_from(["drop-comma", "swap-name", "break-line", "delete-line", "double-comma"]))
        if action == "drop-comma":
            lines[i] = lines[i].replace(",", "", 1)
        elif action == "double-comma":
            lines[i] = lines[i].replace(",", ",,", 1)
        elif action == "swap-name":
            words = lines[i].split(", ")
            if len(words) > 1:
                words[data.draw(st.integers(0, len(words) - 1))] = data.draw(st.sampled_from(NAMES + ["Korea", "Atlantis"]))
                lines[i] = ", ".join(words)
        elif action == "break-line" and len(lines[i]) > 2:
            at = data.draw(st.integers(1, len(lines[i]) - 1))
            lines[i: i + 1] = [lines[i][:at], "", lines[i][at:]]
        elif action == "delete-line":
            del lines[i]
    assert_sound("\n".join(lines))


@SETTINGS
@given(st.text(alphabet=st.sampled_from(list("A/CRESL.0123456789 RevAddCorrPV_-")), max_size=40))
def test_symbol_functions_never_crash(text):
    for m in symbols.find(text):
        s = m.group(0)
        symbols.kind(s), symbols.session(s), symbols.revision(s), symbols.committee(s), symbols.normalise(s)
    symbols.from_filename(text.replace("/", "_") + ".pdf")
