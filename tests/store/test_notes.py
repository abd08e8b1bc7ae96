"""Notes: drafts as typed, finalising into records, amendments, last contact, follow-ups."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from store.cases.records import CaseDetail
from store.common.errors import Conflict, InvalidInput
from store.common.records import WorkerInfo
from store.core.models import ChronologyEntry, Note, Task
from store.service import Store

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

MakeCase = Callable[..., CaseDetail]

GOOD = {
    "contact_at": "today 9:30",
    "note_type": "home visit",
    "present": "Client, her mother",
    "body": "Client reported receiving an eviction notice on 4/10. Agreed referral to Shelter.",
}


def test_draft_keeps_every_field_exactly_as_typed(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    state = {
        "contact_at": "yesterday 14:3",
        "note_type": "phone call",
        "present": "",
        "body": "half a sen",
        "significant": "true",
        "chronology_title": "",
        "follow_up_on": "fri",
    }
    draft_id = store.notes.save_draft(me, case.id, state)
    state["body"] = "half a sentence, then more"
    assert store.notes.save_draft(me, case.id, state, draft_id) == draft_id
    drafts = store.notes.drafts(me)
    assert [d.id for d in drafts] == [draft_id]
    assert drafts[0].state["contact_at"] == "yesterday 14:3"  # unparseable, kept as typed
    assert drafts[0].state["body"] == "half a sentence, then more"
    assert drafts[0].case_ref == case.ref
    assert store.notes.for_case(me, case.id) == []  # drafts are not notes yet
    assert store.cases.caseload(me)[0].last_contact_at is None


def test_drafts_belong_to_their_author(
    store: Store, me: WorkerInfo, other: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    draft_id = store.notes.save_draft(me, case.id, {"body": "mine"})
    assert store.notes.drafts(other) == []
    with pytest.raises(Conflict):
        store.notes.save_draft(other, case.id, {"body": "theirs"}, draft_id)
    store.notes.discard_draft(other, draft_id)  # not theirs to discard
    assert len(store.notes.drafts(me)) == 1
    store.notes.discard_draft(me, draft_id)
    assert store.notes.drafts(me) == []


def test_finalising_a_draft_makes_a_record_and_updates_last_contact(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    draft_id = store.notes.save_draft(me, case.id, GOOD)
    note = store.notes.finalise(me, case.id, GOOD, draft_id=draft_id)
    assert note.id == draft_id
    assert note.status == "final"
    assert note.contact_at == datetime(2026, 11, 23, 9, 30)  # London is UTC in November
    assert store.notes.drafts(me) == []
    [summary] = store.notes.for_case(me, case.id)
    assert summary.first_line.startswith("Client reported receiving an eviction notice")
    assert summary.author_name == "Sam Okafor"
    assert store.cases.caseload(me)[0].last_contact_at == datetime(2026, 11, 23, 9, 30)
    with pytest.raises(Conflict):  # a finalised note is no longer a draft to overwrite
        store.notes.save_draft(me, case.id, GOOD, draft_id)


def test_older_note_does_not_move_last_contact_back(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case(allocated_on="2026-01-01")
    store.notes.finalise(me, case.id, GOOD)
    store.notes.finalise(me, case.id, {**GOOD, "contact_at": "1/6/2026 10:00"})
    assert store.cases.caseload(me)[0].last_contact_at == datetime(2026, 11, 23, 9, 30)
    assert [n.contact_at.month for n in store.notes.for_case(me, case.id)] == [11, 6]


def test_significant_note_goes_into_the_chronology_and_follow_up_becomes_a_task(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    note = store.notes.finalise(
        me,
        case.id,
        {
            **GOOD,
            "significant": True,
            "chronology_title": "Eviction notice received",
            "follow_up_on": "+1w",
        },
    )
    entries = store.chronology.entries(me, case.id)
    assert [e.title for e in entries] == [
        "Case allocated to Sam Okafor",
        "Eviction notice received",
    ]
    assert (entries[1].source_kind, entries[1].source_id) == ("note", note.id)
    with store.database.reading():
        task = Task.get(Task.source_id == note.id)
        assert (task.due_on, task.worker_id) == (date(2026, 11, 30), me.id)


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"body": "   \n "}, "body", "The note is empty"),
        ({"contact_at": "31/02/2026 10:00"}, "contact_at", "There is no 31 February 2026"),
        ({"contact_at": "someday"}, "contact_at", "Not a"),
        ({"note_type": "carrier pigeon"}, "note_type", "Choose a type"),
        ({"significant": True, "chronology_title": ""}, "chronology_title", "needs a short title"),
        ({"follow_up_on": "31/13/2026"}, "follow_up_on", "Not a valid date"),
        ({"follow_up_on": "1/1/2026"}, "follow_up_on", "before the note's date"),
        ({"present": "x" * 501}, "present", "at most 500"),
    ],
)
def test_bad_notes_are_refused_and_nothing_is_saved(
    store: Store,
    me: WorkerInfo,
    make_case: MakeCase,
    change: dict[str, object],
    field: str,
    message: str,
) -> None:
    case = make_case()
    with pytest.raises(InvalidInput) as caught:
        store.notes.finalise(me, case.id, {**GOOD, **change})
    assert message in caught.value.errors[field]
    assert store.notes.for_case(me, case.id) == []


def test_text_is_stored_exactly_as_typed(store: Store, me: WorkerInfo, make_case: MakeCase) -> None:
    case = make_case()
    body = "[red]x[/] **bold** <script>alert(1)</script>\ttab \x1b]52;c;SEVJ\x07 end\n" * 3
    note = store.notes.finalise(me, case.id, {**GOOD, "body": body})
    assert store.notes.get(me, note.id).body == body


def test_a_one_megabyte_note_is_kept_whole(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    body = ("Observed the flat: kitchen clean, fridge stocked. " * 21000)[:1_048_576]
    note = store.notes.finalise(me, case.id, {**GOOD, "body": body})
    assert len(store.notes.get(me, note.id).body) == 1_048_576


def test_amendments_keep_the_original(
    store: Store, me: WorkerInfo, other: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    note = store.notes.finalise(me, case.id, GOOD)
    amended = store.notes.amend(
        other, note.id, reason="Wrong date of notice", body="Notice dated 4/11."
    )
    assert amended.body == GOOD["body"]
    [amendment] = amended.amendments
    assert (amendment.author_name, amendment.reason, amendment.body) == (
        "Priya Nair",
        "Wrong date of notice",
        "Notice dated 4/11.",
    )
    assert store.notes.for_case(me, case.id)[0].amendments == 1
    with pytest.raises(InvalidInput) as caught:
        store.notes.amend(me, note.id, reason=" ", body="")
    assert set(caught.value.errors) == {"reason", "body"}
    with store.database.reading():
        assert Note.get_by_id(note.id).version == 1  # never updated in place


def test_notes_filter_by_type_and_text(store: Store, me: WorkerInfo, make_case: MakeCase) -> None:
    case = make_case()
    store.notes.finalise(me, case.id, GOOD)
    store.notes.finalise(
        me, case.id, {**GOOD, "note_type": "phone call", "body": "Rang GP 100% sure"}
    )
    assert [n.note_type for n in store.notes.for_case(me, case.id, note_type="phone call")] == [
        "phone call"
    ]
    [found] = store.notes.for_case(me, case.id, text="EVICTION")
    assert found.first_line.startswith("Client")
    assert len(store.notes.for_case(me, case.id, text="100%")) == 1
    assert store.notes.for_case(me, case.id, text="0_s") == []


def test_closed_case_takes_no_new_notes(store: Store, me: WorkerInfo, make_case: MakeCase) -> None:
    from store.core.models import Case

    case = make_case()
    with store.database.writing():
        Case.update(status="closed").where(Case.id == case.id).execute()
    with pytest.raises(InvalidInput) as caught:
        store.notes.finalise(me, case.id, GOOD)
    assert "closed" in caught.value.errors["form"]
    with store.database.reading():
        assert ChronologyEntry.select().count() == 1


def test_the_editor_form_as_typed_is_accepted(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    """The editor sends every field as text: an unticked box is "" and a ticked one "true"."""
    case = make_case()
    form = {**GOOD, "significant": "", "chronology_title": "", "follow_up_on": "", "contact_at": ""}
    note = store.notes.finalise(me, case.id, form)
    assert not note.significant
    ticked = store.notes.finalise(
        me, case.id, {**form, "significant": "true", "chronology_title": "T"}
    )
    assert ticked.significant


def test_a_draft_keeps_the_dates_it_meant_when_typed(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    """A note begun on Monday 23 Nov at 10:00 with When "now" is dated then, whenever the
    draft is reopened; so are "yesterday 14:30" and a follow-up "fri"."""
    from store.common import dates

    case = make_case()
    now_id = store.notes.save_draft(me, case.id, {"contact_at": "now", "body": "begun at ten"})
    relative_id = store.notes.save_draft(
        me,
        case.id,
        {"contact_at": "yesterday 14:30", "follow_up_on": "fri", "body": "rang mum"},
    )
    blank_id = store.notes.save_draft(me, case.id, {"contact_at": "", "body": "left blank"})
    with dates.frozen(datetime(2026, 11, 24, 9, 0)):  # the next morning
        states = {d.id: d.state for d in store.notes.drafts(me)}
        assert states[now_id]["contact_at"] == "23 Nov 2026 10:00"
        assert states[relative_id]["contact_at"] == "22 Nov 2026 14:30"
        assert states[relative_id]["follow_up_on"] == "27 Nov 2026"
        assert states[blank_id]["contact_at"] == "23 Nov 2026 10:00"
        note = store.notes.finalise(
            me, case.id, {**states[now_id], "note_type": "case note"}, draft_id=now_id
        )
    assert note.contact_at == datetime(2026, 11, 23, 10, 0)  # stored UTC; London is UTC in Nov


def test_a_draft_reads_numeric_dates_in_the_configured_order(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    draft_id = store.notes.save_draft(
        me, case.id, {"contact_at": "3/4/2026 9am", "body": "x"}, dayfirst=False
    )
    assert store.notes.draft(me, draft_id).state["contact_at"] == "04 Mar 2026 09:00"


def test_a_draft_saved_before_dates_were_resolved_is_dated_when_it_was_begun(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    """Older drafts hold "now" as typed: it means when the note was begun (the draft's first
    save), not when it is reopened. A numeric date whose order is unknown stays as typed."""
    import json

    case = make_case()
    for contact_at in ("now", "3/4"):
        store.notes.save_draft(me, case.id, {"body": contact_at})
    with store.database.writing():
        for note in Note.select().where(Note.status == "draft"):
            state = json.loads(note.draft_state)
            state["contact_at"] = note.body
            Note.update(
                draft_state=json.dumps(state), created_at=datetime(2026, 11, 20, 15, 45)
            ).where(Note.id == note.id).execute()
    shown = sorted(d.state["contact_at"] for d in store.notes.drafts(me))
    assert shown == ["20 Nov 2026 15:45", "3/4"]


def test_a_significant_note_files_its_entry_under_the_category_it_chose(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    significant = {**GOOD, "significant": True, "chronology_title": "Bruise seen"}
    store.notes.finalise(me, case.id, {**significant, "chronology_category": "safeguarding"})
    store.notes.finalise(me, case.id, significant)  # no choice made: contact, as before
    with pytest.raises(InvalidInput) as refused:
        store.notes.finalise(me, case.id, {**significant, "chronology_category": "gossip"})
    assert "Choose one of" in refused.value.errors["chronology_category"]
    categories = [
        e.category for e in store.chronology.entries(me, case.id) if e.source_kind == "note"
    ]
    assert sorted(categories) == ["contact", "safeguarding"]
    # A configuration without "contact" still takes the default.
    store.notes.finalise(me, case.id, significant, categories=("health", "housing"))


def test_a_note_entrys_category_can_be_changed_and_the_change_is_kept(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    store.notes.finalise(
        me, case.id, {**GOOD, "significant": True, "chronology_title": "Eviction notice"}
    )
    allocation, entry = store.chronology.entries(me, case.id)
    changed = store.chronology.annotate(
        me, entry.id, "Risk of homelessness.", version=entry.version, category="Housing"
    )
    assert (changed.category, changed.analysis) == ("housing", "Risk of homelessness.")
    history = store.case_file.history(me, "chronology_entry", entry.id)
    assert {(c.field, c.old_value) for c in history} >= {("category", "contact")}
    with pytest.raises(InvalidInput) as unknown:
        store.chronology.annotate(me, entry.id, "", version=changed.version, category="x")
    assert "Choose one of" in unknown.value.errors["category"]
    with pytest.raises(InvalidInput) as automatic:
        store.chronology.annotate(
            me, allocation.id, "", version=allocation.version, category="health"
        )
    assert "Only an entry made from a note" in automatic.value.errors["category"]


def test_each_notes_search_key_holds_its_text_and_who_was_present_folded(
    store: Store, me: WorkerInfo, make_case: MakeCase
) -> None:
    case = make_case()
    note = store.notes.finalise(
        me,
        case.id,
        {
            "contact_at": "today 9:30",
            "note_type": "home visit",
            "body": "Visited ZOË at home.\nBoiler RÉPARÉ.",
            "present": "Łukasz (brother)",
        },
    )
    store.notes.save_draft(me, case.id, {"body": "A draft is not a note yet."})
    notes = store.notes.for_case(me, case.id)
    assert [n.id for n in notes] == [note.id]
    assert "visited zoe at home" in notes[0].search_key
    assert "boiler repare" in notes[0].search_key
    assert "lukasz (brother)" in notes[0].search_key
    assert store.notes.for_case(me, make_case().id) == []
