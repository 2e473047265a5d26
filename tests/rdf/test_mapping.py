"""The mapping: deterministic IRIs, evidence on every fact, one named graph per document."""

from rdflib.compare import isomorphic

from kg import queries
from kg.rdf.iris import Minter
from kg.rdf.mapping import map_document


def test_two_mappings_of_the_same_records_are_the_same_graph(report):
    minter = Minter("https://w3id.org/unkg/")
    first, second = map_document(report, minter), map_document(report, minter)
    assert not any(term.__class__.__name__ == "BNode" for triple in first for term in triple)
    assert isomorphic(first, second) and set(first) == set(second)


def test_every_fact_has_evidence_with_lines_and_page(store):
    missing = store.select(
        """PREFIX unkg: <https://w3id.org/unkg/ontology#>
        PREFIX opengov: <http://www.w3.org/ns/opengov#>
        SELECT ?fact WHERE {
          VALUES ?class { unkg:Sponsorship unkg:StatedIntention unkg:Citation unkg:BudgetStatement unkg:Norm
                          unkg:Meeting opengov:VoteEvent opengov:Vote unkg:OpenEndedWorkingGroup
                          unkg:GroupOfGovernmentalExperts unkg:CommitteeReport }
          ?fact a ?class .
          FILTER NOT EXISTS { ?fact unkg:evidence [ unkg:lineStart ?l ; unkg:page ?p ; unkg:sourceDocument ?d ] }
        }"""
    )
    assert missing == []


def test_a_vote_keeps_the_name_as_printed_and_its_line(store):
    rows = store.select(
        """PREFIX unkg: <https://w3id.org/unkg/ontology#>
        PREFIX opengov: <http://www.w3.org/ns/opengov#>
        SELECT ?printed ?line ?page WHERE {
          <https://w3id.org/unkg/id/vote/first-committee/A/C.1/73/L.27/Rev.1/BOL> unkg:nameAsPrinted ?printed ;
             unkg:evidence [ unkg:lineStart ?line ; unkg:page ?page ] .
        }"""
    )
    assert rows == [{"printed": "Bolivia (Plurinational Sta te of)", "line": "125", "page": "2"}]


def test_states_link_to_wikidata_and_carry_codes(store):
    rows = store.select(
        """PREFIX unkg: <https://w3id.org/unkg/ontology#>
        PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
        SELECT ?iso3 ?m49 ?wd WHERE { <https://w3id.org/unkg/id/state/FRA> unkg:iso3 ?iso3 ; unkg:m49 ?m49 ; skos:exactMatch ?wd }"""
    )
    assert rows == [{"iso3": "FRA", "m49": "250", "wd": "http://www.wikidata.org/entity/Q142"}]


def test_lettered_resolution_is_part_of_its_whole(store):
    assert store.ask(
        """PREFIX dcterms: <http://purl.org/dc/terms/>
        ASK { ?part dcterms:identifier "A/RES/43/78 H" ; dcterms:isPartOf [ dcterms:identifier "A/RES/43/78" ] ;
                    dcterms:date "1988-12-07"^^<http://www.w3.org/2001/XMLSchema#date> }"""
    )


def test_stated_intention_does_not_change_the_recorded_vote(store):
    # Mozambique voted in favour of L.37 and said it had intended to abstain: both facts stand
    votes = {r["state"]: r["position"] for r in queries.run(store, "votes", {"draft": "A/C.1/73/L.37"})[1]}
    intentions = {r["state"]: r for r in queries.run(store, "intentions", {"draft": "A/C.1/73/L.37"})[1]}
    assert votes["MOZ"] == "yes" and intentions["MOZ"]["intended"] == "abstain"


def test_the_register_gives_each_state_its_membership_of_the_united_nations(store):
    """Angola, admitted on 1 December 1976 and still a Member; the USSR, from 24 October 1945 until the
    Russian Federation continued its membership on 24 December 1991; the Holy See, an observer, has none."""
    rows = store.select(
        """PREFIX org: <http://www.w3.org/ns/org#>
        PREFIX time: <http://www.w3.org/2006/time#>
        SELECT ?state ?un ?begins ?ends WHERE {
          VALUES ?state { <https://w3id.org/unkg/id/state/AGO> <https://w3id.org/unkg/id/state/SUN>
                          <https://w3id.org/unkg/id/state/VAT> }
          OPTIONAL {
            ?m a org:Membership ; org:member ?state ; org:organization ?un ;
               org:memberDuring [ a time:Interval ; time:hasBeginning [ time:inXSDDate ?begins ] ] .
            OPTIONAL { ?m org:memberDuring/time:hasEnd/time:inXSDDate ?ends }
          }
        } ORDER BY ?state"""
    )
    un = "https://w3id.org/unkg/id/body/united-nations"
    assert [(r["state"].rsplit("/", 1)[1], r["un"], r["begins"], r["ends"]) for r in rows] == [
        ("AGO", un, "1976-12-01", ""), ("SUN", un, "1945-10-24", "1991-12-24"), ("VAT", "", "", "")]


def test_wikidata_is_an_exact_match_not_an_identity(store):
    """skos:exactMatch links France to Wikidata's Q142; owl:sameAs, which would import every Wikidata claim
    onto the State, is not written (since ontology 0.3.0)."""
    assert store.select(
        """SELECT ?wd WHERE { <https://w3id.org/unkg/id/state/FRA> <http://www.w3.org/2004/02/skos/core#exactMatch> ?wd }"""
    ) == [{"wd": "http://www.wikidata.org/entity/Q142"}]
