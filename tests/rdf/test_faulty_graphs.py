"""Faulty graphs are refused with their rule named: each is the built sample A/73/505 (a real report of the
First Committee, 2018) with one thing broken, validated by the Oxigraph engine that ``unkg validate`` uses.

The facts the breaks rest on are the sample's and the register's: the recorded votes on A/C.1/73/L.27/Rev.1
and A/C.1/73/L.37 of 8 November 2018 (paragraphs 7 and 16 of the report), Angola admitted on 1 December
1976, the USSR's membership continued by the Russian Federation from 24 December 1991, the Holy See and the
State of Palestine non-member observer States, and the adoptions of A/C.1/73/L.27/Rev.1 as A/RES/73/27
and of A/C.1/73/L.37 as A/RES/73/266 (the General Assembly, 5 and 22 December 2018).
"""

from __future__ import annotations

import io
from datetime import date

import pytest

from kg.model.rollcalls import Link
from kg.pipeline.build import build, sample_path
from kg.rdf.iris import Minter
from kg.rdf.rollcalls import link_lines
from kg.publish.validate import validate
from kg.reference.register import Register
from kg.store import Store

ID = "https://w3id.org/unkg/id/"
PREFIXES = """PREFIX unkg: <https://w3id.org/unkg/ontology#>
PREFIX opengov: <http://www.w3.org/ns/opengov#>
PREFIX schema: <http://schema.org/>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
L27 = f"{ID}document/A/C.1/73/L.27/Rev.1"
L37 = f"{ID}document/A/C.1/73/L.37"
EVENT_L27 = f"{ID}vote/first-committee/A/C.1/73/L.27/Rev.1"
EVENT_L37 = f"{ID}vote/first-committee/A/C.1/73/L.37"
LINKS = "https://w3id.org/unkg/graph/links"


def copy_of(store: Store) -> Store:
    """A store holding the same graphs as ``store``, to break without touching it."""
    out = Store.open(None)
    for graph in store.graphs():
        buffer = io.BytesIO()
        store.dump(buffer, "nt", graph)
        out.replace_graph(graph, buffer.getvalue().decode("utf-8"))
    return out


def broken(store: Store, update: str) -> Store:
    copy = copy_of(store)
    copy.update(PREFIXES + update)
    return copy


def with_links(store: Store, *links: Link, resolutions: tuple[str, ...] = ()) -> Store:
    """The sample with the adoption links ``links`` in their graph, and the resolutions typed as such."""
    copy = copy_of(store)
    lines = list(link_lines(links, Minter("https://w3id.org/unkg/")))
    for symbol in resolutions:
        lines += [f"<{ID}document/{symbol}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> "
                  "<https://w3id.org/unkg/ontology#GeneralAssemblyResolution> .",
                  f'<{ID}document/{symbol}> <http://purl.org/dc/terms/identifier> "{symbol}" .']
    copy.replace_graph(LINKS, "\n".join(lines))
    return copy


def heading_link(draft: str, resolution: str) -> Link:
    return Link(draft, resolution, "resolution heading", "A/73/505", None)


def test_the_sample_and_its_copy_validate_clean(store):
    for s in (store, copy_of(store)):
        result = validate(s)
        assert result.conforms and result.results == 0, result.text


@pytest.mark.parametrize("sponsor", ["body/first-committee", "document/A/73/505"])
def test_a_sponsor_that_is_a_committee_or_a_report(store, sponsor):
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ ?s unkg:sponsor ?state }} }} INSERT {{ GRAPH ?g {{ ?s unkg:sponsor <{ID}{sponsor}> }} }}
        WHERE {{ GRAPH ?g {{ ?s unkg:sponsor ?state }} FILTER (?s = <{ID}sponsorship/A/C.1/73/L.37/PRT/on-behalf-of>) }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"sponsor-not-a-body-or-document"}, result.text
    assert [r.focus for r in result.findings] == [f"{ID}sponsorship/A/C.1/73/L.37/PRT/on-behalf-of"]


def test_a_sponsored_draft_that_is_a_resolution(store):
    # A/RES/71/28, cited by the report, is typed a General Assembly resolution in the sample's graph
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ ?s unkg:sponsoredDraft <{L37}> }} }}
        INSERT {{ GRAPH ?g {{ ?s unkg:sponsoredDraft <{ID}document/A/RES/71/28> }} }}
        WHERE {{ GRAPH ?g {{ ?s unkg:sponsoredDraft <{L37}> }} FILTER (STRENDS(STR(?s), "/PRT/on-behalf-of")) }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"sponsored-draft-is-a-draft"}, result.text
    assert "is a https://w3id.org/unkg/ontology#GeneralAssemblyResolution" in result.text


def test_a_sponsorship_of_a_draft_and_of_a_resolution_at_once(store):
    # Portugal's sponsorship of A/C.1/73/L.37 also said to be of the draft of A/RES/73/266, adopted from it
    faulty = broken(store, f"""
        INSERT {{ GRAPH ?g {{ ?s unkg:sponsoredDraftOf <{ID}document/A/RES/71/28> }} }}
        WHERE {{ GRAPH ?g {{ ?s unkg:sponsoredDraft <{L37}> }} FILTER (STRENDS(STR(?s), "/PRT/on-behalf-of")) }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"sponsorship-of-one-draft"}, result.text
    assert [r.focus for r in result.findings] == [f"{ID}sponsorship/A/C.1/73/L.37/PRT/on-behalf-of"]


def test_a_sponsorship_of_no_draft(store):
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ ?s unkg:sponsoredDraft <{L37}> }} }}
        WHERE {{ GRAPH ?g {{ ?s unkg:sponsoredDraft <{L37}> }} FILTER (STRENDS(STR(?s), "/PRT/on-behalf-of")) }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"sponsorship-of-one-draft"}, result.text


def test_a_recorded_vote_with_no_counts(store):
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ <{EVENT_L37}> opengov:count ?c . ?c ?p ?o }} }}
        WHERE {{ GRAPH ?g {{ <{EVENT_L37}> opengov:count ?c . ?c ?p ?o }} }}""")
    result = validate(faulty)
    # its votes are still listed, so each listed option also lacks its count
    assert result.rules == {"recorded-vote-has-counts", "listed-option-has-count"}, result.text
    assert {r.focus for r in result.findings} == {EVENT_L37}
    assert sorted(r.message for r in result.findings if r.rule == "listed-option-has-count") == [
        f"VoteEvent: votes are listed as {o} but the recorded vote has no {o} count" for o in ("abstain", "no", "yes")]


def test_a_listed_yes_with_no_yes_count(store):
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ <{EVENT_L37}> opengov:count ?c . ?c ?p ?o }} }}
        WHERE {{ GRAPH ?g {{ <{EVENT_L37}> opengov:count ?c . ?c a opengov:YesCount ; ?p ?o }} }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"listed-option-has-count"}, result.text
    assert [r.message for r in result.findings] == [
        "VoteEvent: votes are listed as yes but the recorded vote has no yes count"]


@pytest.mark.parametrize("observer", ["VAT", "PSE"])  # the Holy See, the State of Palestine
def test_an_observer_state_voting(store, observer):
    # Angola's abstention on A/C.1/73/L.37 given to the observer instead
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ <{EVENT_L37}/AGO> schema:agent ?s ; opengov:voter ?s }} }}
        INSERT {{ GRAPH ?g {{ <{EVENT_L37}/AGO> schema:agent <{ID}state/{observer}> ;
                                                opengov:voter <{ID}state/{observer}> }} }}
        WHERE {{ GRAPH ?g {{ <{EVENT_L37}/AGO> schema:agent ?s }} }}""")
    result = validate(faulty)
    # an observer has no membership either, so it was no Member on the day
    assert result.rules == {"voter-not-an-observer", "voter-member-on-the-day"}, result.text
    assert {r.focus for r in result.findings} == {f"{EVENT_L37}/AGO"}


def test_states_voting_before_their_admission(store, register: Register):
    """The vote on A/C.1/73/L.37 moved to 8 November 1970: Angola (admitted 1976) and every other Member
    admitted after that day are refused, and no one else."""
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ <{EVENT_L37}> dcterms:date ?d }} }}
        INSERT {{ GRAPH ?g {{ <{EVENT_L37}> dcterms:date "1970-11-08"^^xsd:date }} }}
        WHERE {{ GRAPH ?g {{ <{EVENT_L37}> dcterms:date ?d }} }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"voter-member-on-the-day"}, result.text
    voters = store.select(PREFIXES + f"SELECT ?vote ?state WHERE {{ ?vote opengov:voteEvent <{EVENT_L37}> ; "
                          "schema:agent ?state }")
    members = register.members_on(date(1970, 11, 8))
    expected = {v["vote"] for v in voters if v["state"].removeprefix(f"{ID}state/") not in members}
    assert f"{EVENT_L37}/AGO" in expected and len(expected) > 30
    assert {r.focus for r in result.findings} == expected


def test_the_ussr_voting_in_2018(store):
    # the Russian Federation's vote on A/C.1/73/L.37 given to the USSR, whose membership ended in 1991
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ <{EVENT_L37}/RUS> schema:agent ?s ; opengov:voter ?s }} }}
        INSERT {{ GRAPH ?g {{ <{EVENT_L37}/RUS> schema:agent <{ID}state/SUN> ; opengov:voter <{ID}state/SUN> }} }}
        WHERE {{ GRAPH ?g {{ <{EVENT_L37}/RUS> schema:agent ?s }} }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"voter-member-on-the-day"}, result.text
    assert [r.message for r in result.findings] == [f"Vote: the voter {ID}state/SUN was not a Member on 2018-11-08"]


def test_a_count_without_its_value(store):
    """The "yes" count of A/C.1/73/L.37 without its rdf:value (and the deprecated opengov:value)."""
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ ?c rdf:value ?n ; opengov:value ?n }} }}
        WHERE {{ GRAPH ?g {{ <{EVENT_L37}> opengov:count ?c . ?c a opengov:YesCount ; rdf:value ?n }} }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"count-has-one-value"}, result.text
    [finding] = result.findings
    assert finding.focus.startswith(EVENT_L37) and finding.message == "Count: exactly one rdf:value, an xsd:integer >= 0"


def test_a_count_typed_by_no_option(store):
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ ?c a opengov:YesCount }} }}
        WHERE {{ GRAPH ?g {{ <{EVENT_L37}> opengov:count ?c . ?c a opengov:YesCount }} }}""")
    result = validate(faulty)
    # the listed "yes" votes then lack their count too, and the deprecated option "yes" its type
    assert result.rules == {"count-typed-by-its-option", "listed-option-has-count", "deprecated-count-terms-agree"}, \
        result.text


def test_a_vote_without_its_agent(store):
    """Angola's abstention on A/C.1/73/L.37 without schema:agent (and the deprecated opengov:voter)."""
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ <{EVENT_L37}/AGO> schema:agent ?s ; opengov:voter ?s }} }}
        WHERE {{ GRAPH ?g {{ <{EVENT_L37}/AGO> schema:agent ?s }} }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"vote-has-one-agent"}, result.text
    assert [r.focus for r in result.findings] == [f"{EVENT_L37}/AGO"]


def test_a_deprecated_voter_that_disagrees(store):
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ <{EVENT_L37}/AGO> opengov:voter ?s }} }}
        INSERT {{ GRAPH ?g {{ <{EVENT_L37}/AGO> opengov:voter <{ID}state/ARG> }} }}
        WHERE {{ GRAPH ?g {{ <{EVENT_L37}/AGO> opengov:voter ?s }} }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"deprecated-vote-terms-agree"}, result.text


def test_a_result_given_as_a_string(store):
    """The 0.2.0 form, opengov:result "adopted", is refused: the result is opengov:Pass or opengov:Fail."""
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ <{EVENT_L37}> opengov:result ?r }} }}
        INSERT {{ GRAPH ?g {{ <{EVENT_L37}> opengov:result "adopted" }} }}
        WHERE {{ GRAPH ?g {{ <{EVENT_L37}> opengov:result ?r }} }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"vote-event-result-pass-or-fail"}, result.text


def test_an_intention_about_a_vote_event_that_does_not_exist(store):
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ ?i unkg:intentionAbout <{EVENT_L37}> }} }}
        INSERT {{ GRAPH ?g {{ ?i unkg:intentionAbout <{ID}vote/first-committee/A/C.1/73/L.99> }} }}
        WHERE {{ GRAPH ?g {{ ?i unkg:intentionAbout <{EVENT_L37}> }} FILTER (STRENDS(STR(?i), "/MOZ")) }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"intention-about-a-vote-event"}, result.text
    assert [r.focus for r in result.findings] == [f"{EVENT_L37}/intention/MOZ"]


def test_an_adoption_link_by_heading_is_clean(store):
    result = validate(with_links(store, heading_link("A/C.1/73/L.27/Rev.1", "A/RES/73/27"), resolutions=("A/RES/73/27",)))
    assert result.conforms and result.results == 0, result.text


def test_an_adoption_link_whose_resolution_is_a_draft(store):
    result = validate(with_links(store, heading_link("A/C.1/73/L.37", "A/C.1/73/L.27/Rev.1")))
    assert not result.conforms and result.rules == {"adopted-as-a-resolution"}, result.text
    # the link node and the shortcut unkg:becameResolution from the draft
    assert {r.focus for r in result.findings} == {f"{ID}adoption/A/C.1/73/L.37/resolution-heading", L37}


def test_a_draft_that_became_two_resolutions(store):
    faulty = with_links(store, heading_link("A/C.1/73/L.27/Rev.1", "A/RES/73/27"),
                        Link("A/C.1/73/L.27/Rev.1", "A/RES/73/266", "session and title", "A/73/505", 6156),
                        resolutions=("A/RES/73/27", "A/RES/73/266"))
    result = validate(faulty)
    assert not result.conforms and result.rules == {"draft-became-one-resolution"}, result.text
    assert [r.focus for r in result.findings if r.severity == "Violation"] == [L27]
    assert result.warnings == {"heuristic-adoption-link"}


def test_a_heuristic_adoption_link_is_a_warning(store):
    result = validate(with_links(store, Link("A/C.1/73/L.37", "A/RES/73/266", "session and title", "A/73/505", 6156),
                                 resolutions=("A/RES/73/266",)))
    assert result.conforms and result.rules == set(), result.text
    assert result.warnings == {"heuristic-adoption-link"}
    [finding] = result.findings
    assert finding.severity == "Warning"
    assert finding.message == "AdoptionLink: made by session and title, not by the resolution's own heading"


def test_a_heuristic_adoption_link_confirmed_by_the_heading_is_no_warning(store):
    result = validate(with_links(store, heading_link("A/C.1/73/L.37", "A/RES/73/266"),
                                 Link("A/C.1/73/L.37", "A/RES/73/266", "session and title", "A/73/505", 6156),
                                 resolutions=("A/RES/73/266",)))
    assert result.conforms and result.results == 0, result.text


def test_a_meeting_held_by_a_document(store):
    meeting = f"{ID}meeting/first-committee/73/31"
    faulty = broken(store, f"""
        DELETE {{ GRAPH ?g {{ <{meeting}> unkg:heldBy ?b }} }}
        INSERT {{ GRAPH ?g {{ <{meeting}> unkg:heldBy <{ID}document/A/73/505> }} }}
        WHERE {{ GRAPH ?g {{ <{meeting}> unkg:heldBy ?b }} }}""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"meeting-held-by-a-body"}, result.text
    assert [r.focus for r in result.findings] == [meeting]


def test_a_state_listed_twice_is_refused_before_iris_are_minted(tmp_path):
    """Angola printed twice in the list "In favour" of A/C.1/73/L.27/Rev.1: the check of the records names it
    (the graph cannot: both entries would mint one vote node)."""
    altered = tmp_path / "A_73_505.txt"
    text = sample_path().read_text(encoding="utf-8")
    assert text.count(" Algeria, Angola, Argentina, Armenia,") == 1
    altered.write_text(text.replace(" Algeria, Angola, Argentina, Armenia,", " Algeria, Angola, Angola, Argentina, "
                                    "Armenia,"), encoding="utf-8")
    [result] = build([altered], Store.open(None))
    rules = {f.rule: f for f in result.failures}
    assert set(rules) == {"no-state-twice", "stated-total-equals-list"}
    assert str(rules["no-state-twice"]).endswith("vote on A/C.1/73/L.27/Rev.1: AGO is listed 2 times [rule: no-state-twice]")


def test_evidence_in_no_file(store):
    faulty = broken(store, """
        DELETE { GRAPH ?g { ?e unkg:inFile ?f } }
        WHERE { GRAPH ?g { ?e unkg:inFile ?f ; unkg:lineStart 12 } }""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"evidence-in-one-file"}, result.text


def test_a_file_whose_sha256_is_not_one(store):
    faulty = broken(store, """
        DELETE { GRAPH ?g { ?f <http://schema.org/sha256> ?h } }
        INSERT { GRAPH ?g { ?f <http://schema.org/sha256> "2f09cf1b" } }
        WHERE { GRAPH ?g { ?f <http://schema.org/sha256> ?h } }""")
    result = validate(faulty)
    assert not result.conforms and result.rules == {"file-has-one-sha256"}, result.text
