"""The register splits lists by known names and resolves names by date, never by guess."""

from datetime import date

import pytest

from kg.errors import UnresolvedName

DAY = date(2018, 11, 8)


def keys(register, text, day=DAY):
    return [k for k, *_ in register.split(text, "test", day)]


@pytest.mark.parametrize(
    "printed, expected",
    [
        ("Antigua and Barbuda, Bosnia and Herzegovina and Trinidad and Tobago", ["ATG", "BIH", "TTO"]),
        ("Saint Vincent and the Grenadines, Samoa", ["VCT", "WSM"]),
        ("Guinea, Guinea-Bissau, Equatorial Guinea, Papua New Guinea", ["GIN", "GNB", "GNQ", "PNG"]),
        ("Niger, Nigeria and the Niger", ["NER", "NGA", "NER"]),
        ("Bolivia (Plurinational Sta te of), Uni ted Republic of Tanzania", ["BOL", "TZA"]),
        ("Lao People ’s Democratic Republic, Côte d’Ivoire", ["LAO", "CIV"]),
        ("the Democratic Republic of the Congo, Congo", ["COD", "COG"]),
        ("the former Yugoslav Republic of Macedonia and Turkey", ["MKD", "TUR"]),
        ("Dominica, Dominican Republic", ["DMA", "DOM"]),
        ("Cabo\nVerde, Guinea-\nBissau", ["CPV", "GNB"]),
    ],
)
def test_lists_split_by_known_names(register, printed, expected):
    assert keys(register, printed) == expected


def test_printed_name_and_span_are_kept(register):
    [(key, printed, start, end, _)] = register.split("  Bolivia (Plurinational Sta te of) ", "test", DAY)
    assert (key, printed, start, end) == ("BOL", "Bolivia (Plurinational Sta te of)", 2, 35)


def test_unknown_name_is_an_error_with_the_text(register):
    with pytest.raises(UnresolvedName) as caught:
        register.split("Algeria, Korea and Zimbabwe", "A/73/505", DAY, line=117)
    assert str(caught.value) == "A/73/505, line 117: unknown state name 'Korea' [rule: known-state-name]"
    assert caught.value.at == 9


def test_names_resolve_by_date(register):
    assert register.resolve("Yugoslavia", "t", date(1950, 1, 1)) == "YUG"
    assert register.resolve("Yugoslavia", "t", date(2001, 6, 1)) == "SRB"
    assert register.resolve("the former Yugoslav Republic of Macedonia", "t", DAY) == "MKD"
    assert register.resolve("North Macedonia", "t", date(2020, 1, 1)) == "MKD"
    assert register.resolve("Union of Soviet Socialist Republics", "t", date(1950, 1, 1)) == "SUN"
    with pytest.raises(UnresolvedName, match="no state had that name then"):
        register.resolve("Congo", "t", date(1965, 1, 1))  # Congo (Léopoldville) and Congo (Brazzaville)


def test_membership_on_a_date(register):
    assert len(register.members_on(DAY)) == 193
    assert "SUN" in register.members_on(date(1950, 1, 1)) and "RUS" not in register.members_on(date(1950, 1, 1))
    assert "SSD" not in register.members_on(date(2011, 7, 13)) and "SSD" in register.members_on(date(2011, 7, 14))
    assert not {"VAT", "PSE"} & register.members_on(DAY)  # observer States do not vote
