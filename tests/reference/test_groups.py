"""The groups of states, by the names their footnotes print."""

from __future__ import annotations

import pytest

from kg.reference.groups import Groups

NOTES = {
    "On behalf of the States that are members of the Group of 77 and China, taking into account also the provisions "
    "of General Assembly resolution ES-10/23 of 10 May 2024.": "Group of 77 and China",
    "On behalf of the States Members of the United Nations that are members of the Group of African States.":
        "African Group",
    "On behalf of the States Members of the United Nations that are members of the European Union.": "European Union",
    "On behalf of the States that are members of the Movement of Non -Aligned Countries, taking into account also":
        "Non-Aligned Movement",
    "On behalf of the States Members of the United Nations that are members of the Economic Community of Central "
    "African States.": "Economic Community of Central African States",
    "On behalf of the States Members of the United Nations that are members of the Alliance of Small Island States.":
        "Alliance of Small Island States",
    "On behalf of the Group of Arab States.": "Group of Arab States",
}


@pytest.mark.parametrize("note", sorted(NOTES))
def test_a_note_names_its_group(note):
    assert Groups.load().find(note).name == NOTES[note]


def test_a_note_that_names_no_group_on_whose_behalf():
    groups = Groups.load()
    assert groups.find("Any changes to the list of sponsors will be reflected in the official record.") is None
    # a group named in passing, not as the one the state acts for
    assert groups.find("In order for the General Assembly, with the European Union, to take action ...") is None


def test_keys_and_names_are_unique():
    groups = Groups.load().groups.values()
    assert len({g.key for g in groups}) == len({g.name for g in groups}) == len(list(groups))
