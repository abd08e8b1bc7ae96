"""Case conferences: draft minutes saved again and again, finalised as a record, amended;
attendees from the case, apologies, agenda, decisions and actions followed up on the case."""

from __future__ import annotations

import sqlite3
from collections.abc import Callable
from datetime import date, datetime
from pathlib import Path
from typing import Any

import peewee
import pytest

from store.case_file.records import ContactInfo, ProfessionalInfo
from store.cases.records import CaseDetail
from store.common.errors import Conflict, InvalidInput
from store.common.records import WorkerInfo
from store.common.settings import CONFERENCE_TYPES, Config
from store.conferences.records import ConferenceInfo
from store.conferences.render import minutes_markdown
from store.core.models import (
    Conference,
    ConferenceAction,
    ConferenceAgendaItem,
    ConferenceAttendee,
    PlanReview,
)
from store.service import Store
from tests.conftest import FROZEN_NOW
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

TODAY = FROZEN_NOW.date()  # Monday 23 November 2026
MakeCase = Callable[..., CaseDetail]
HOSTILE = "**x** <script>alert(1)</script> [/] \x1b]52;c;AAAA\x07"


@pytest.fixture
def case(make_case: MakeCase) -> CaseDetail:
    return make_case(client_name="Dana Reyes", allocated_on="1/6/2026")


@pytest.fixture
def gp(store: Store, me: WorkerInfo, case: CaseDetail) -> ProfessionalInfo:
    return store.case_file.add_professional(
        me, case.id, {"name": "Dr Amir Khan", "agency": "Hillside GP", "role": "GP"}
    )


@pytest.fixture
def sister(store: Store, me: WorkerInfo, case: CaseDetail) -> ContactInfo:
    return store.case_file.add_contact(
        me, case.client_id, {"name": "Rosa Reyes", "relationship": "sister"}
    )


@pytest.fixture
def minutes(gp: ProfessionalInfo, sister: ContactInfo) -> dict[str, Any]:
    """A full save of the minutes of a meeting held last Friday."""
    return {
        "held_at": "20/11/2026 14:00",
        "place": "Hillside Family Centre, room 2",
        "conference_type": "Case Conference",
        "chair": "Jo Marsh",
        "minute_taker": "Sam Okafor",
        "client_attended": "yes",
        "client_views": "I want to stay at home.\nMy sister helps.",
        "information_shared": "The GP's letter of **12 Nov**.",
        "decisions": "Stay on the current plan\nReview in six weeks",
        "attendees": [
            {"who": f"professional:{gp.id}"},
            {"who": "client"},
            {"who": f"contact:{sister.id}"},
            {"who": "new", "name": "Kim Lee", "role": "housing officer", "agency": "Northside"},
            {"who": "worker"},
        ],
        "apologies": [{"who": "other", "name": "Pat Adeyemi", "agency": "Oak Primary"}],
        "agenda": [
            {"title": "Health", "discussion": "Blood sugar is *steadier*.\n\n- diet\n- classes"},
            {"title": "Housing", "discussion": ""},
        ],
        "actions": [
            {
                "what": "Send the GP letter to housing",
                "owner": "attendee:0",
                "due_on": "30/11/2026",
            },
            {"what": "Book the bidding appointment", "owner": "attendee:3", "due_on": "7/12/2026"},
            {"what": "Ask the school for a report", "owner": "apology:0", "due_on": "4/12/2026"},
        ],
    }


def final(store: Store, me: WorkerInfo, case_id: int, data: dict[str, Any]) -> ConferenceInfo:
    draft = store.conferences.start(me, case_id, data)
    return store.conferences.finalise(me, draft.id, version=draft.version)


def raw(path: Path) -> sqlite3.Connection:
    return sqlite3.connect(path, isolation_level=None)


# --- drafts -----------------------------------------------------------------------------------


def test_a_draft_is_saved_again_and_again_then_finalised(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    draft = store.conferences.start(me, case.id, {"conference_type": "core group"})
    assert (draft.status, draft.conference_type, draft.held_at, draft.version) == (
        "draft",
        "core group",
        None,
        1,
    )
    first = store.conferences.save(me, draft.id, minutes, version=draft.version)
    again = store.conferences.save(
        me, draft.id, {**minutes, "place": "Town hall"}, version=first.version
    )
    assert (first.version, again.version) == (2, 3)
    assert again.place == "Town hall"
    # Saved twice, but each list holds what the last save sent (replaced, not added to).
    assert len(again.attendees) == 5 and len(again.actions) == 3 and len(again.agenda) == 2
    with store.database.reading():
        assert ConferenceAttendee.select().count() == 6
        assert ConferenceAction.select().count() == 3
    assert store.chronology.entries(me, case.id)[-1].category == "allocation"  # nothing yet
    done = store.conferences.finalise(me, draft.id, version=again.version)
    assert done.is_final and done.finalised_by_name == "Sam Okafor"
    assert done.held_at == datetime(2026, 11, 20, 14, 0)  # UTC: London is on GMT in November
    assert done.conference_type == "case conference"
    assert done.decisions == ("Stay on the current plan", "Review in six weeks")
    [item] = store.conferences.for_case(me, case.id)
    assert (item.id, item.status, item.open_actions, item.chair, item.title) == (
        draft.id,
        "final",
        3,
        "Jo Marsh",
        "Case conference",
    )


def test_two_people_cannot_overwrite_each_others_draft(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    draft = store.conferences.start(me, case.id)
    store.conferences.save(other, draft.id, minutes, version=draft.version)
    with pytest.raises(Conflict, match="Priya Nair saved these minutes"):
        store.conferences.save(me, draft.id, {"place": "Mine"}, version=draft.version)
    assert store.conferences.get(me, draft.id).place == minutes["place"]


def test_a_failed_save_changes_nothing(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    draft = store.conferences.start(me, case.id, minutes)
    bad = {**minutes, "actions": [*minutes["actions"], {"what": "Ring", "owner": "contact:999"}]}
    with pytest.raises(InvalidInput) as exc:
        store.conferences.save(me, draft.id, bad, version=draft.version)
    assert set(exc.value.errors) == {"actions.3.due_on"}
    bad["actions"][3]["due_on"] = "1/12/2026"
    with pytest.raises(InvalidInput) as exc:
        store.conferences.save(me, draft.id, bad, version=draft.version)
    assert exc.value.errors == {
        "actions.3.owner": "That person is not in the client's support network; choose again."
    }
    kept = store.conferences.get(me, draft.id)
    assert kept.version == draft.version and len(kept.actions) == 3


def test_a_draft_can_be_discarded_but_finalised_minutes_cannot(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    draft = store.conferences.start(me, case.id, minutes)
    with pytest.raises(Conflict):
        store.conferences.discard(me, draft.id, version=draft.version + 1)
    store.conferences.discard(me, draft.id, version=draft.version)
    assert store.conferences.for_case(me, case.id) == []
    with store.database.reading():
        assert ConferenceAttendee.select().count() == 0
    done = final(store, me, case.id, minutes)
    with pytest.raises(InvalidInput, match="finalised"):
        store.conferences.discard(me, done.id, version=done.version)
    assert [c.id for c in store.conferences.for_case(me, case.id)] == [done.id]


# --- attendees --------------------------------------------------------------------------------


def test_attendees_come_from_the_case_and_a_new_professional_joins_its_list_when_final(
    store: Store,
    me: WorkerInfo,
    case: CaseDetail,
    gp: ProfessionalInfo,
    sister: ContactInfo,
    minutes: dict[str, Any],
) -> None:
    # Autosaves while her name is still being typed add no one to the case's list.
    half = {**minutes, "attendees": [*minutes["attendees"]]}
    half["attendees"][3] = {**minutes["attendees"][3], "name": "Kim L"}
    draft = store.conferences.start(me, case.id, half)
    assert [p.name for p in store.case_file.professionals(me, case.id)] == ["Dr Amir Khan"]
    draft = store.conferences.save(me, draft.id, minutes, version=draft.version)
    assert [(a.kind, a.name, a.role, a.agency) for a in draft.attendees] == [
        ("professional", "Dr Amir Khan", "GP", "Hillside GP"),
        ("client", "Dana Reyes", "client", ""),
        ("contact", "Rosa Reyes", "sister", ""),
        ("professional", "Kim Lee", "housing officer", "Northside"),
        ("worker", "Sam Okafor", "allocated worker", ""),
    ]
    assert [(a.kind, a.name, a.agency, a.present) for a in draft.apologies] == [
        ("other", "Pat Adeyemi", "Oak Primary", False)
    ]
    assert draft.attendees[0].professional_id == gp.id
    assert draft.attendees[2].contact_id == sister.id
    kim = draft.attendees[3]
    assert kim.professional_id is None and kim.choice == "new"
    assert [p.name for p in store.case_file.professionals(me, case.id)] == ["Dr Amir Khan"]
    done = store.conferences.finalise(me, draft.id, version=draft.version)
    pros = store.case_file.professionals(me, case.id)
    assert [(p.name, p.agency, p.role) for p in pros] == [
        ("Dr Amir Khan", "Hillside GP", "GP"),
        ("Kim Lee", "Northside", "housing officer"),
    ]
    kim = done.attendees[3]
    assert kim.professional_id == pros[1].id and kim.choice == f"professional:{pros[1].id}"
    # At the next meeting she is one of the case's own; adding her again finds her.
    later = store.conferences.start(me, case.id, {"attendees": [minutes["attendees"][3]]})
    later = store.conferences.finalise(
        me,
        later.id,
        version=store.conferences.save(
            me,
            later.id,
            {
                **minutes,
                "held_at": "3/11/2026 10:00",
                "attendees": [minutes["attendees"][3]],
                "apologies": [],
                "actions": [],
            },
            version=later.version,
        ).version,
    )
    assert len(store.case_file.professionals(me, case.id)) == 2
    assert later.attendees[0].professional_id == pros[1].id


def test_the_same_new_professional_twice_in_a_draft_is_one_person_when_final(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    kim = {"who": "new", "name": "Kim Lee", "agency": "Northside"}
    draft = store.conferences.start(
        me,
        case.id,
        {**minutes, "attendees": [{"who": "worker"}, kim], "apologies": [kim], "actions": []},
    )
    done = store.conferences.finalise(me, draft.id, version=draft.version)
    assert [p.name for p in store.case_file.professionals(me, case.id)] == [
        "Dr Amir Khan",
        "Kim Lee",
    ]
    assert done.attendees[1].professional_id == done.apologies[0].professional_id


def test_a_role_typed_at_the_meeting_overrides_the_case_files(
    store: Store, me: WorkerInfo, case: CaseDetail, gp: ProfessionalInfo
) -> None:
    draft = store.conferences.start(
        me, case.id, {"attendees": [{"who": f"professional:{gp.id}", "role": "locum GP"}]}
    )
    assert [(a.role, a.agency) for a in draft.attendees] == [("locum GP", "Hillside GP")]


@pytest.mark.parametrize(
    ("row", "says"),
    [
        ({"who": "", "role": "GP"}, "Who is this?"),
        ({"who": "boss"}, "pick from the list"),
        ({"who": "new", "name": ""}, "Name is required."),
        ({"who": "other", "name": "1234"}, "must contain letters"),
        ({"who": "professional:999"}, "not on this case's list"),
    ],
)
def test_bad_attendees_are_refused(
    store: Store, me: WorkerInfo, case: CaseDetail, row: dict[str, str], says: str
) -> None:
    with pytest.raises(InvalidInput) as exc:
        store.conferences.start(me, case.id, {"attendees": [{"who": "client"}, row]})
    [(field, message)] = exc.value.errors.items()
    assert field in ("attendees.1.who", "attendees.1.name")
    assert says in message
    assert store.conferences.for_case(me, case.id) == []


def test_someone_listed_twice_is_refused(
    store: Store, me: WorkerInfo, case: CaseDetail, gp: ProfessionalInfo
) -> None:
    with pytest.raises(InvalidInput) as exc:
        store.conferences.start(
            me,
            case.id,
            {
                "attendees": [{"who": f"professional:{gp.id}"}],
                "apologies": [{"who": f"professional:{gp.id}"}],
            },
        )
    assert exc.value.errors == {"apologies.0.who": "Dr Amir Khan is listed twice."}


# --- validation -------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "says"),
    [
        ({"held_at": "someday"}, "held_at", 'Not a date: "someday"'),
        ({"held_at": "31/2/2026 10:00"}, "held_at", "There is no 31 February 2026"),
        ({"held_at": "25:00"}, "held_at", "Not a valid time"),
        ({"conference_type": "tea party"}, "conference_type", 'No meeting type "tea party"'),
        ({"client_attended": "sort of"}, "client_attended", "yes or no"),
        ({"next_meeting_on": "1/11/2026"}, "next_meeting_on", "before this one (20 Nov 2026)"),
        ({"actions": [{"what": "Ring", "due_on": "1/12/2026"}]}, "actions.0.owner_name", "Who"),
        ({"actions": [{"what": "Ring", "owner": "client"}]}, "actions.0.due_on", "due date"),
        ({"actions": [{"owner": "client", "due_on": "+1w"}]}, "actions.0.what", "what will"),
        (
            {"actions": [{"what": "Ring", "owner": "client", "due_on": "1/11/2026"}]},
            "actions.0.due_on",
            "before the meeting (20 Nov 2026)",
        ),
        (
            {"actions": [{"what": "Ring", "owner": "client", "due_on": "32/12/2026"}]},
            "actions.0.due_on",
            "Not a valid date",
        ),
        (
            {"actions": [{"what": "Ring", "owner": "attendee:9", "due_on": "1/12/2026"}]},
            "actions.0.owner",
            "choose again",
        ),
        ({"agenda": [{"discussion": "Talked"}]}, "agenda.0.title", "title"),
    ],
)
def test_bad_input_says_what_is_wrong(
    store: Store,
    me: WorkerInfo,
    case: CaseDetail,
    minutes: dict[str, Any],
    changes: dict[str, Any],
    field: str,
    says: str,
) -> None:
    draft = store.conferences.start(me, case.id)
    with pytest.raises(InvalidInput) as exc:
        store.conferences.save(me, draft.id, {**minutes, **changes}, version=draft.version)
    assert says in exc.value.errors.get(field, ""), exc.value.errors


def test_the_types_are_configurable(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    assert Config().conference_types == CONFERENCE_TYPES
    assert "professionals meeting" in CONFERENCE_TYPES
    types = ("network meeting", "case conference")
    draft = store.conferences.start(
        me, case.id, {"conference_type": "Network Meeting"}, types=types
    )
    assert draft.conference_type == "network meeting"
    with pytest.raises(InvalidInput) as exc:
        store.conferences.start(me, case.id, {"conference_type": "core group"}, types=types)
    assert "network meeting, case conference" in exc.value.errors["conference_type"]


def test_finalising_needs_a_date_type_chair_and_an_attendee(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    draft = store.conferences.start(me, case.id, {"apologies": [{"who": "client"}]})
    with pytest.raises(InvalidInput) as exc:
        store.conferences.finalise(me, draft.id, version=draft.version)
    assert set(exc.value.errors) == {"held_at", "conference_type", "chair", "attendees"}
    assert exc.value.errors["chair"] == "Who chaired the meeting?"
    assert "at least one attendee" in exc.value.errors["attendees"]
    ahead = store.conferences.save(
        me,
        draft.id,
        {
            "held_at": "tomorrow 10:00",
            "conference_type": "core group",
            "chair": "Jo Marsh",
            "attendees": [{"who": "worker"}],
        },
        version=draft.version,
    )
    with pytest.raises(InvalidInput) as exc:
        store.conferences.finalise(me, draft.id, version=ahead.version)
    assert exc.value.errors == {
        "held_at": "The meeting is dated in the future; finalise the minutes once it is held."
    }
    assert store.conferences.get(me, draft.id).status == "draft"
    assert [e.category for e in store.chronology.entries(me, case.id)] == ["allocation"]


# --- the record -------------------------------------------------------------------------------


def test_finalising_writes_one_chronology_entry(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    done = final(store, me, case.id, minutes)
    entries = [e for e in store.chronology.entries(me, case.id) if e.category == "conference"]
    [entry] = entries
    assert (entry.title, entry.source_kind, entry.source_id, entry.occurred_on) == (
        "Case conference held",
        "conference",
        done.id,
        date(2026, 11, 20),
    )
    assert "Chaired by Jo Marsh; 5 attended, the client attended; apologies from 1." in (
        entry.details
    )
    assert "- Stay on the current plan\n- Review in six weeks" in entry.details
    assert "3 actions agreed." in entry.details
    # Finalising again is refused, and writes nothing more.
    with pytest.raises(InvalidInput, match="amendment"):
        store.conferences.finalise(me, done.id, version=done.version)
    assert (
        len([e for e in store.chronology.entries(me, case.id) if e.category == "conference"]) == 1
    )


def test_finalised_minutes_are_refused_by_the_store_but_can_be_amended(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    done = final(store, me, case.id, minutes)
    with pytest.raises(InvalidInput, match="add an amendment"):
        store.conferences.save(me, done.id, {**minutes, "chair": "Nobody"}, version=done.version)
    with pytest.raises(InvalidInput) as exc:
        store.conferences.amend(me, done.id, {"reason": "", "body": " "})
    assert set(exc.value.errors) == {"reason", "body"}
    amended = store.conferences.amend(
        other, done.id, {"reason": "Chair's name misspelt", "body": "The chair was Jo *Marsh*."}
    )
    assert [(a.author_name, a.reason, a.body) for a in amended.amendments] == [
        ("Priya Nair", "Chair's name misspelt", "The chair was Jo *Marsh*.")
    ]
    assert amended.chair == "Jo Marsh" and amended.version == done.version
    text = minutes_markdown(amended)
    assert text.index("## Amendments") > text.index("## Actions")
    assert "**Reason:** Chair's name misspelt" in text
    assert "> The chair was Jo *Marsh*." in text
    draft = store.conferences.start(me, case.id)
    with pytest.raises(InvalidInput, match="simply be edited"):
        store.conferences.amend(me, draft.id, {"reason": "x", "body": "y"})


@pytest.mark.parametrize(
    "sql",
    [
        "UPDATE conference SET chair = 'Someone else'",
        "UPDATE conference SET held_at = '2020-01-01 00:00:00'",
        "UPDATE conference SET decisions = ''",
        "UPDATE conference SET status = 'draft'",
        "DELETE FROM conference",
        "UPDATE conference_attendee SET name = 'Forged'",
        "DELETE FROM conference_attendee",
        "INSERT INTO conference_attendee (conference_id, position, present, kind, name, role,"
        " agency) SELECT id, 9, TRUE, 'other', 'Late', '', '' FROM conference",
        "UPDATE conference_agenda_item SET discussion = 'rewritten'",
        "DELETE FROM conference_agenda_item",
        "UPDATE conference_action SET what = 'Something easier'",
        "UPDATE conference_action SET due_on = '2030-01-01'",
        "DELETE FROM conference_action",
        "UPDATE conference_amendment SET body = 'rewritten'",
        "DELETE FROM conference_amendment",
    ],
)
def test_finalised_minutes_refuse_change_from_outside_the_store(
    store: Store,
    me: WorkerInfo,
    case: CaseDetail,
    minutes: dict[str, Any],
    outside: Outside,
    sql: str,
) -> None:
    done = final(store, me, case.id, minutes)
    store.conferences.amend(me, done.id, {"reason": "Typo", "body": "Read 'six'."})
    with pytest.raises(outside.refused, match="cannot be changed or deleted"):
        outside.execute(sql)
    after = store.conferences.get(me, done.id)
    assert (after.chair, len(after.attendees), len(after.actions)) == ("Jo Marsh", 5, 3)


def test_what_stays_changeable_after_finalising(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any], outside: Outside
) -> None:
    draft = store.conferences.start(me, case.id, minutes)
    # A draft is free to change, in the database too.
    outside.execute("UPDATE conference_agenda_item SET title = 'Health and diet'")
    outside.execute("DELETE FROM conference_action WHERE position = 3")
    done = store.conferences.finalise(me, draft.id, version=draft.version)
    assert done.agenda[0].title == "Health and diet" and len(done.actions) == 2
    outside.execute("UPDATE conference_action SET status = 'done', status_note = 'ok'")
    outside.execute("UPDATE conference SET next_meeting_on = '2027-01-04', version = 9")
    assert store.conferences.get(me, done.id).next_meeting_on == date(2027, 1, 4)


def test_the_next_meeting_can_be_set_after_finalising(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    done = final(store, me, case.id, minutes)
    assert done.next_meeting_on is None
    with pytest.raises(InvalidInput) as exc:
        store.conferences.set_next_meeting(
            me, done.id, {"next_meeting_on": "19/11/2026"}, version=done.version
        )
    assert "before this one" in exc.value.errors["next_meeting_on"]
    later = store.conferences.set_next_meeting(
        me, done.id, {"next_meeting_on": "4/1/2027"}, version=done.version
    )
    assert (later.next_meeting_on, later.version) == (date(2027, 1, 4), done.version + 1)
    with pytest.raises(Conflict):
        store.conferences.set_next_meeting(
            me, done.id, {"next_meeting_on": ""}, version=done.version
        )
    cleared = store.conferences.set_next_meeting(
        me, done.id, {"next_meeting_on": ""}, version=later.version
    )
    assert cleared.next_meeting_on is None
    history = store.case_file.history(me, "conference", done.id)
    assert [(c.field, c.old_value, c.new_value) for c in history] == [
        ("next_meeting_on", "2027-01-04", None),
        ("next_meeting_on", None, "2027-01-04"),
    ]
    assert "Next meeting:** 04 Jan 2027" in minutes_markdown(later)


# --- actions ----------------------------------------------------------------------------------


def test_action_owners_are_attendees_absent_professionals_or_named(
    store: Store, me: WorkerInfo, case: CaseDetail, gp: ProfessionalInfo, minutes: dict[str, Any]
) -> None:
    hv = store.case_file.add_professional(
        me, case.id, {"name": "Ann Cole", "agency": "Health visiting"}
    )
    data = {
        **minutes,
        "actions": [
            {"what": "Letter", "owner": f"professional:{gp.id}", "due_on": "30/11/2026"},
            {"what": "Visit", "owner": f"professional:{hv.id}", "due_on": "30/11/2026"},
            {"what": "Report", "owner": "apology:0", "due_on": "30/11/2026"},
            {"what": "Lift", "owner": "", "owner_name": "Grandad Joe", "due_on": "30/11/2026"},
            {"what": "Bid", "owner": "client", "due_on": "30/11/2026"},
        ],
    }
    draft = store.conferences.start(me, case.id, data)
    by_id = {a.id: a for a in (*draft.attendees, *draft.apologies)}
    assert [
        (a.owner_name, by_id[a.owner_attendee_id].name if a.owner_attendee_id else None)
        for a in draft.actions
    ] == [
        ("Dr Amir Khan (Hillside GP)", "Dr Amir Khan"),
        ("Ann Cole (Health visiting)", None),  # not at the meeting
        ("Pat Adeyemi (Oak Primary)", "Pat Adeyemi"),
        ("Grandad Joe", None),
        ("Dana Reyes (client)", "Dana Reyes"),
    ]


def test_actions_appear_on_the_case_and_are_marked_done_or_reopened(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    draft = store.conferences.start(me, case.id, minutes)
    assert store.conferences.case_actions(me, case.id) == []  # a draft's actions are not agreed yet
    with pytest.raises(InvalidInput, match="still a draft"):
        store.conferences.set_action_status(
            me, draft.actions[0].id, {"status": "done", "note": "x"}, version=1
        )
    done = store.conferences.finalise(me, draft.id, version=draft.version)
    actions = store.conferences.case_actions(me, case.id)
    assert [(a.what, a.due_on, a.status) for a in actions] == [
        ("Send the GP letter to housing", date(2026, 11, 30), "open"),
        ("Ask the school for a report", date(2026, 12, 4), "open"),
        ("Book the bidding appointment", date(2026, 12, 7), "open"),
    ]
    assert {(a.conference_type, a.conference_held_at) for a in actions} == {
        ("case conference", datetime(2026, 11, 20, 14, 0))
    }
    first = actions[0]
    with pytest.raises(InvalidInput) as exc:
        store.conferences.set_action_status(me, first.id, {"status": "done"}, version=first.version)
    assert "Say what was done" in exc.value.errors["note"]
    with pytest.raises(InvalidInput) as exc:
        store.conferences.set_action_status(
            me, first.id, {"status": "nearly"}, version=first.version
        )
    assert 'No status "nearly"' in exc.value.errors["status"]
    marked = store.conferences.set_action_status(
        other, first.id, {"status": "done", "note": "Emailed on Monday"}, version=first.version
    )
    assert (marked.status, marked.status_note, marked.done_by_name) == (
        "done",
        "Emailed on Monday",
        "Priya Nair",
    )
    assert marked.done_at == datetime(2026, 11, 23, 10, 0) and marked.version == 2
    with pytest.raises(Conflict):
        store.conferences.set_action_status(me, first.id, {"status": "open"}, version=first.version)
    assert [a.id for a in store.conferences.case_actions(me, case.id)][
        -1
    ] == first.id  # done ones last
    assert [c.open_actions for c in store.conferences.for_case(me, case.id)] == [2]
    reopened = store.conferences.set_action_status(
        me, first.id, {"status": "open", "note": "Housing lost it"}, version=marked.version
    )
    assert (reopened.status, reopened.done_at, reopened.done_by_name, reopened.version) == (
        "open",
        None,
        "",
        3,
    )
    history = store.case_file.history(me, "conference_action", first.id)
    assert {(c.field, c.old_value, c.new_value, c.changed_by) for c in history} >= {
        ("status", "open", "done", "Priya Nair"),
        ("status", "done", "open", "Sam Okafor"),
        ("status_note", "Emailed on Monday", "Housing lost it", "Sam Okafor"),
    }
    labels = {label for label, _change in store.case_file.case_history(me, case.id)}
    assert "Conference action: Send the GP letter to housing" in labels
    # The minutes show each action's status.
    text = minutes_markdown(store.conferences.get(me, done.id))
    assert "| 1 | Send the GP letter to housing | Dr Amir Khan (Hillside GP) | 30 Nov 2026 |" in (
        text
    )
    assert "open: Housing lost it |" in text


def test_overdue_open_actions_flag_the_caseload_until_done(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    (row,) = store.cases.caseload(me)
    assert "actions" not in row.flags and row.next_action_due_on is None
    # Held a fortnight ago; one action was due last Friday.
    data = {
        **minutes,
        "held_at": "9/11/2026 10:00",
        "actions": [
            {"what": "Ring the GP", "owner": "attendee:0", "due_on": "20/11/2026"},
            {"what": "Bid for a flat", "owner": "client", "due_on": "1/12/2026"},
        ],
    }
    draft = store.conferences.start(me, case.id, data)
    (row,) = store.cases.caseload(me)
    assert "actions" not in row.flags  # draft minutes don't count
    done = final(store, me, case.id, data)
    store.conferences.discard(me, draft.id, version=draft.version)
    (row,) = store.cases.caseload(me)
    assert row.next_action_due_on == date(2026, 11, 20)
    assert row.flags[0] == "actions"
    assert store.cases.get(me, case.id).next_action_due_on == date(2026, 11, 20)
    late = done.actions[0]
    store.conferences.set_action_status(
        me, late.id, {"status": "done", "note": "Rang"}, version=late.version
    )
    (row,) = store.cases.caseload(me)
    assert row.next_action_due_on == date(2026, 12, 1) and "actions" not in row.flags
    # Reopened: overdue again.
    store.conferences.set_action_status(me, late.id, {"status": "open"}, version=late.version + 1)
    assert "actions" in store.cases.caseload(me)[0].flags
    assert "actions" in store.cases.find(me, "Dana")[0].flags


def test_a_closed_case_refuses_changes_to_its_meetings(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    done = final(store, me, case.id, minutes)
    draft = store.conferences.start(me, case.id)
    detail = store.cases.get(me, case.id)
    store.cases.close(
        me,
        case.id,
        {"reason": "work completed", "open_items_reason": "Closed before the checklist"},
        version=detail.version,
    )
    action = done.actions[0]
    attempts = [
        lambda: store.conferences.start(me, case.id),
        lambda: store.conferences.save(me, draft.id, {"place": "x"}, version=draft.version),
        lambda: store.conferences.discard(me, draft.id, version=draft.version),
        lambda: store.conferences.amend(me, done.id, {"reason": "x", "body": "y"}),
        lambda: store.conferences.set_next_meeting(
            me, done.id, {"next_meeting_on": "+1w"}, version=2
        ),
        lambda: store.conferences.set_action_status(
            me, action.id, {"status": "done", "note": "x"}, version=action.version
        ),
    ]
    for attempt in attempts:
        with pytest.raises(InvalidInput) as exc:
            attempt()
        assert "is closed; reopen it" in exc.value.errors["form"]
    assert len(store.conferences.for_case(me, case.id)) == 2  # still readable


# --- a plan review held in the meeting --------------------------------------------------------

GOAL = {
    "domain": "health",
    "change": "Attend three diabetes education classes at the health centre",
    "measure": "classes attended, from the centre's register",
    "target": "3 of 3",
    "relevance": "I want to be well enough to look after my grandson",
    "target_on": "1/2/2027",
    "client_agreed": "yes",
    "achievable": "yes",
}


def test_a_plan_review_held_in_the_meeting_is_shown_in_the_minutes(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    plan = store.plans.start(me, case.id, {"started_on": "1/9/2026", "review_interval": "3 months"})
    goal = store.plans.add_goal(me, plan.id, GOAL)
    draft = store.conferences.start(me, case.id, minutes)
    review_data = {
        "held_on": "20/11/2026",
        "client_present": "yes",
        "client_views": "“Two classes done, one to go.”",
        f"rating_{goal.id}": "progressing",
        f"evidence_{goal.id}": "The centre's register",
        f"decision_{goal.id}": "continue",
    }
    review = store.plans.review(me, plan.id, review_data, conference_id=draft.id)
    with store.database.reading():
        assert PlanReview.get_by_id(review.id).conference_id == draft.id
    # The review is a plan review like any other...
    assert [r.id for r in store.plans.get(me, plan.id).reviews] == [review.id]
    # ...and the minutes hold it, inline.
    shown = store.conferences.get(me, draft.id)
    assert shown.review is not None and shown.review.id == review.id
    assert shown.review_plan is not None and shown.review_plan.id == plan.id
    done = store.conferences.finalise(me, draft.id, version=shown.version)
    text = minutes_markdown(done)
    assert "## Plan review held in the meeting" in text
    assert "### Review of 20 Nov 2026" in text
    assert "Goal 1: Attend three diabetes education classes" in text
    assert "progressing; continue." in text
    assert text.index("## Actions") < text.index("## Plan review held in the meeting")
    # One review per meeting, and only while its minutes are a draft.
    with pytest.raises(InvalidInput, match="finalised"):
        store.plans.review(
            me, plan.id, {**review_data, "held_on": "23/11/2026"}, conference_id=done.id
        )
    other_draft = store.conferences.start(me, case.id)
    store.plans.review(
        me, plan.id, {**review_data, "held_on": "23/11/2026"}, conference_id=other_draft.id
    )
    with pytest.raises(InvalidInput, match="already recorded"):
        store.plans.review(
            me, plan.id, {**review_data, "held_on": "23/11/2026"}, conference_id=other_draft.id
        )
    # Minutes holding a review are kept: the review is a record.
    with pytest.raises(InvalidInput, match="can't be discarded"):
        store.conferences.discard(
            me, other_draft.id, version=store.conferences.get(me, other_draft.id).version
        )


def test_a_review_cannot_be_held_in_another_cases_meeting(
    store: Store, me: WorkerInfo, case: CaseDetail, make_case: MakeCase
) -> None:
    elsewhere = store.conferences.start(me, make_case().id)
    plan = store.plans.start(me, case.id, {"started_on": "1/9/2026", "review_interval": "3 months"})
    goal = store.plans.add_goal(me, plan.id, GOAL)
    data = {
        "held_on": "20/11/2026",
        "client_views": "Fine",
        f"rating_{goal.id}": "progressing",
        f"evidence_{goal.id}": "Seen",
        f"decision_{goal.id}": "continue",
    }
    with pytest.raises(InvalidInput, match="another case"):
        store.plans.review(me, plan.id, data, conference_id=elsewhere.id)
    assert store.plans.get(me, plan.id).reviews == ()


# --- the document -----------------------------------------------------------------------------


def test_the_minutes_read_as_a_whole_document(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    text = minutes_markdown(final(store, me, case.id, minutes))
    assert text.startswith("# Case conference: minutes\n\n*Finalised 23 Nov 2026 10:00 by Sam")
    for line in (
        "- **Date and time:** 20 Nov 2026 14:00",
        "- **Place:** Hillside Family Centre, room 2",
        "- **Type:** case conference",
        "- **Chair:** Jo Marsh",
        "- **Minute-taker:** Sam Okafor",
        "| Dr Amir Khan | GP | Hillside GP |",
        "| Kim Lee | housing officer | Northside |",
        "| Pat Adeyemi | — | Oak Primary |",
        "The client attended.",
        "> I want to stay at home.\n> My sister helps.",
        "### 1. Health\n\n> Blood sugar is *steadier*.\n>\n> - diet\n> - classes",
        "### 2. Housing\n\nNo discussion recorded.",
        "> The GP's letter of **12 Nov**.",
        "1. Stay on the current plan\n2. Review in six weeks",
        "| 3 | Ask the school for a report | Pat Adeyemi (Oak Primary) | 04 Dec 2026 | open |",
    ):
        assert line in text, line
    order = ["## Attendees", "## Apologies", "## The client", "## Agenda", "## Information"]
    order += ["## Decisions", "## Actions"]
    assert [text.index(h) for h in order] == sorted(text.index(h) for h in order)
    draft = store.conferences.start(me, case.id)
    assert "*Draft minutes, not yet finalised.*" in minutes_markdown(draft)
    assert "- **Date and time:** not set" in minutes_markdown(draft)


def test_hostile_text_is_escaped_in_the_minutes(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    data = {
        **minutes,
        "place": HOSTILE,
        "chair": HOSTILE,
        "client_views": HOSTILE,
        "information_shared": HOSTILE,
        "decisions": [HOSTILE],
        "attendees": [{"who": "other", "name": f"Eve {HOSTILE}", "agency": HOSTILE}],
        "agenda": [{"title": HOSTILE, "discussion": HOSTILE}],
        "actions": [
            {"what": HOSTILE, "owner": "attendee:0", "due_on": "30/11/2026"},
            {"what": "Ring", "owner_name": "Mal | Co", "due_on": "30/11/2026"},
        ],
    }
    done = final(store, me, case.id, data)
    store.conferences.amend(me, done.id, {"reason": HOSTILE, "body": HOSTILE})
    text = minutes_markdown(store.conferences.get(me, done.id), title=HOSTILE)
    escaped = "\\*\\*x\\*\\* \\<script\\>alert(1)\\</script\\> \\[/\\]"
    assert text.startswith(f"# {escaped}\n")
    assert f"- **Place:** {escaped}" in text
    assert f"- **Chair:** {escaped}" in text
    assert f"| Eve {escaped} | — | {escaped} |" in text
    assert f"### 1. {escaped}" in text
    assert f"1. {escaped}" in text
    assert f"| 1 | {escaped} | Eve {escaped} ({escaped}) |" in text
    assert "Mal \\| Co" in text
    assert f"**Reason:** {escaped}" in text
    # Markdown fields stay Markdown, with raw HTML neutralised.
    assert "> **x** \\<script>alert(1)\\</script> [/]" in text
    assert "<script>" not in text.replace("\\<script>", "")
    assert "\x1b" not in text and "\x07" not in text and "AAAA" not in text
    # The chronology entry's text is escaped too.
    [entry] = [e for e in store.chronology.entries(me, case.id) if e.category == "conference"]
    assert "<script>" not in entry.details.replace("\\<script\\>", "")
    assert "\x1b" not in entry.details


def test_finalised_rows_refuse_change_through_the_models_too(
    store: Store, me: WorkerInfo, case: CaseDetail, minutes: dict[str, Any]
) -> None:
    """Rows of finalised minutes stay put even through the models, not only raw SQL."""
    done = final(store, me, case.id, minutes)
    for query in (
        Conference.update(place="elsewhere").where(Conference.id == done.id),
        ConferenceAgendaItem.delete(),
        ConferenceAction.update(owner_name="Someone else"),
    ):
        with (
            store.database.writing() as written,
            pytest.raises((peewee.IntegrityError, sqlite3.IntegrityError)),
            written.atomic(),  # a savepoint: on PostgreSQL a failure ends the transaction
        ):
            query.execute()
    assert store.conferences.get(me, done.id).place == minutes["place"]


def test_start_up_loads_none_of_the_conference_modules(tmp_path: Path) -> None:
    """Start-up (the caseload) needs no conference records, forms or minutes."""
    import json
    import os
    import subprocess
    import sys

    from tests.store.test_startup_imports import ROOT, START_UP

    path = tmp_path / "existing.db"
    opened = Store.open(path)
    try:
        me = opened.workers.ensure("sam.okafor")
        opened.cases.create(me, {"client_name": "Ada Lovelace"})
    finally:
        opened.close()
    lazy = [
        "store.conferences.records",
        "store.conferences.input",
        "store.conferences.render",
    ]
    result = subprocess.run(
        [sys.executable, "-c", START_UP + "print(json.dumps(report))", str(path), json.dumps(lazy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env={**os.environ, "CASELINE_CONFIG": str(tmp_path / "no-such-config.toml")},
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    report = json.loads(result.stdout.strip().splitlines()[-1])
    assert report["rows"] == 1 and report["loaded"] == []
