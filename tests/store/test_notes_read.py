"""A case's notes read once and filtered in memory; what finalising returns."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from store.cases.records import CaseDetail
from store.common.records import WorkerInfo
from store.notes.rules import note_matches
from store.service import Store

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

MakeCase = Callable[..., CaseDetail]

NOTES = [
    {"note_type": "home visit", "present": "Zoë, her mother", "body": "Eviction notice; 100% rent"},
    {"note_type": "phone call", "present": "", "body": "Rang the GP about Zoe's tablets"},
    {"note_type": "home visit", "present": "Client", "body": "# Visit\nAll well, flat_tidy"},
]


@pytest.mark.parametrize(
    ("text", "note_type"),
    [
        ("", None),
        ("zoe", None),  # accents ignored, in who was present and in the body
        ("ZOË", "home visit"),
        ("eviction", None),
        ("100%", None),  # % and _ are what was typed, not wildcards
        ("t_t", None),
        ("flat_tidy", None),
        ("her mother", "phone call"),
        ("   ", "phone call"),
        ("nothing like it", None),
        ("\x1b[31m", None),
    ],
)
def test_filtering_the_list_read_once_gives_what_the_store_gives(
    store: Store, me: WorkerInfo, make_case: MakeCase, text: str, note_type: str | None
) -> None:
    case = make_case()
    for i, note in enumerate(NOTES):
        store.notes.finalise(me, case.id, {**note, "contact_at": f"today 9:{10 + i}"})
    everything = store.notes.for_case(me, case.id)
    in_memory = [n.id for n in everything if note_matches(n, text, note_type)]
    assert in_memory == [
        n.id for n in store.notes.for_case(me, case.id, text=text, note_type=note_type)
    ]


def test_the_store_finds_accented_text_typed_without_accents(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    for note in NOTES:
        store.notes.finalise(me, case.id, {**note, "contact_at": "now"})
    assert len(store.notes.for_case(me, case.id, text="zoe")) == 2
    assert len(store.notes.for_case(me, case.id, text="Zoë")) == 2


def test_amendments_are_counted_per_note(store: Store, me: WorkerInfo, make_case: MakeCase) -> None:
    case, elsewhere = make_case(), make_case()
    first = store.notes.finalise(me, case.id, {**NOTES[0], "contact_at": "today 9:00"})
    second = store.notes.finalise(me, case.id, {**NOTES[1], "contact_at": "today 10:00"})
    other = store.notes.finalise(me, elsewhere.id, {**NOTES[2], "contact_at": "now"})
    for _ in range(2):
        store.notes.amend(me, first.id, reason="Wrong date", body="It was the 5th.")
    store.notes.amend(me, other.id, reason="Typo", body="Tidy.")
    assert [(n.id, n.amendments) for n in store.notes.for_case(me, case.id)] == [
        (second.id, 0),
        (first.id, 2),
    ]


def test_finalising_returns_the_note_as_it_reads_back(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    draft = store.notes.save_draft(me, case.id, {"body": "Begun"})
    for made in (
        store.notes.finalise(me, case.id, {**NOTES[0], "contact_at": "today 9:30"}),
        store.notes.finalise(
            me,
            case.id,
            {
                **NOTES[1],
                "contact_at": "yesterday 14:00",
                "significant": True,
                "chronology_title": "GP rang",
                "follow_up_on": "+1w",
            },
            draft_id=draft,
        ),
    ):
        assert made == store.notes.get(me, made.id)
