"""The case file: client details, support network, professionals, summaries and their history."""

from __future__ import annotations

from datetime import date
from typing import Any

import pytest

from store.case_file.records import ChangeInfo
from store.cases.records import CaseDetail
from store.common.errors import Conflict, InvalidInput, NotFound
from store.common.records import WorkerInfo
from store.service import Store
from tests.conftest import FROZEN_NOW
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

NOW_UTC = FROZEN_NOW  # London is on GMT in November, so local and UTC agree


@pytest.fixture
def case(store: Store, me: WorkerInfo) -> CaseDetail:
    return store.cases.create(
        me,
        {
            "client_name": "Zoë Okafor",
            "date_of_birth": "3/4/1990",
            "address": "14 Carlton Road, Leeds LS6 2QT",
            "phone": "07700 900123",
        },
    )


def _rows(store: Store, sql: str, *params: Any) -> list[tuple[Any, ...]]:
    """Read the store's database on a connection of its own, whichever backend it is."""
    with Outside.of(store) as connection:
        return list(connection.execute(sql, params))


def _count(store: Store, table: str) -> int:
    return int(_rows(store, f'SELECT COUNT(*) FROM "{table}"')[0][0])


def _changes(history: list[ChangeInfo]) -> list[tuple[str, str | None, str | None]]:
    return [(c.field, c.old_value, c.new_value) for c in history]


# --- client details ------------------------------------------------------------------------


def test_client_details_come_from_the_new_case(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    client = store.case_file.client(me, case.client_id)
    assert (client.name, client.date_of_birth, client.phone) == (
        "Zoë Okafor",
        date(1990, 4, 3),
        "07700 900123",
    )
    assert (client.language, client.identifiers, client.version) == ("", "", 1)


def test_update_client_saves_changed_fields_and_logs_old_and_new_values(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    updated = store.case_file.update_client(
        me,
        case.client_id,
        {
            "name": "  Zoe   Okafor-Reid ",
            "date_of_birth": "4/3/1990",
            "address": "14 Carlton Road, Leeds LS6 2QT",  # unchanged
            "language": "Yoruba",
            "identifiers": "NHS 999 000 0018\nNI QQ 12 34 56 C",
        },
        version=1,
    )
    assert updated.name == "Zoe Okafor-Reid"
    assert updated.date_of_birth == date(1990, 3, 4)
    assert updated.identifiers == "NHS 999 000 0018 NI QQ 12 34 56 C"  # one line
    assert updated.phone == "07700 900123"  # not in the form: kept
    assert updated.version == 2
    assert store.case_file.client(me, case.client_id) == updated
    history = store.case_file.history(me, "client", case.client_id)
    assert sorted(_changes(history)) == [
        ("date_of_birth", "1990-04-03", "1990-03-04"),
        ("identifiers", "", "NHS 999 000 0018 NI QQ 12 34 56 C"),
        ("language", "", "Yoruba"),
        ("name", "Zoë Okafor", "Zoe Okafor-Reid"),
    ]
    assert {(c.changed_by, c.changed_at) for c in history} == {("Sam Okafor", NOW_UTC)}
    # The caseload sorts and filters by the folded name, which follows the new name.
    assert _rows(store, "SELECT name_key FROM client") == [("zoe okafor-reid",)]
    assert store.cases.get(me, case.id).client_name == "Zoe Okafor-Reid"


def test_clearing_a_date_logs_none(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    store.case_file.update_client(me, case.client_id, {"date_of_birth": ""}, version=1)
    assert _changes(store.case_file.history(me, "client", case.client_id)) == [
        ("date_of_birth", "1990-04-03", None)
    ]


def test_saving_unchanged_details_writes_nothing(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    before = store.case_file.client(me, case.client_id)
    after = store.case_file.update_client(
        me,
        case.client_id,
        {"name": " Zoë  Okafor ", "date_of_birth": "03/04/1990", "phone": "07700 900123"},
        version=1,
    )
    assert after == before
    assert _count(store, "record_change") == 0


def test_month_first_order_applies_to_the_date_of_birth(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    updated = store.case_file.update_client(
        me, case.client_id, {"date_of_birth": "4/3/1990"}, version=1, dayfirst=False
    )
    assert updated.date_of_birth == date(1990, 4, 3)


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Client name is required."),
        ("name", "  \t ", "Client name is required."),
        ("name", "1234", "Client name must contain letters."),
        ("name", "x" * 121, "Client name is too long (121 characters; at most 120)."),
        ("date_of_birth", "31/02/1990", "There is no 31 February 1990"),
        ("date_of_birth", "someday", 'Try "today"'),
        ("date_of_birth", "+3d", "Date of birth can't be in the future."),
        ("date_of_birth", "1/1/1850", "1900"),
        ("address", "a" * 301, "Address is too long (at most 300 characters)."),
        ("phone", "call me", "Phone may contain digits, spaces, + ( ) - and an extension"),
        ("phone", "123", "Phone number should have between 6 and 20 digits."),
        ("language", "L" * 61, "Language is too long (at most 60 characters)."),
        ("identifiers", "9" * 301, "Identifiers is too long (at most 300 characters)."),
        ("client_name", "Ana", "Extra inputs are not permitted"),
    ],
)
def test_bad_client_details_are_refused_at_the_field(
    store: Store, me: WorkerInfo, case: CaseDetail, field: str, value: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.case_file.update_client(me, case.client_id, {field: value}, version=1)
    assert list(caught.value.errors) == [field]
    assert message in caught.value.errors[field]
    assert store.case_file.client(me, case.client_id).version == 1
    assert _count(store, "record_change") == 0


def test_limits_are_inclusive(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    updated = store.case_file.update_client(
        me,
        case.client_id,
        {"language": "L" * 60, "identifiers": "9" * 300, "address": "a" * 300},
        version=1,
    )
    assert (len(updated.language), len(updated.identifiers), len(updated.address)) == (60, 300, 300)


def test_second_edit_from_the_same_version_is_a_conflict_and_changes_nothing(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    opened = store.case_file.client(me, case.client_id)
    store.case_file.update_client(
        other, case.client_id, {"phone": "07700 900456"}, version=opened.version
    )
    with pytest.raises(Conflict, match="Priya Nair changed this client's details"):
        store.case_file.update_client(
            me, case.client_id, {"language": "Igbo"}, version=opened.version
        )
    now = store.case_file.client(me, case.client_id)
    assert (now.phone, now.language, now.version) == ("07700 900456", "", 2)
    assert _changes(store.case_file.history(me, "client", case.client_id)) == [
        ("phone", "07700 900123", "07700 900456")
    ]
    assert store.case_file.history(me, "client", case.client_id)[0].changed_by == "Priya Nair"


def test_a_stale_version_is_refused_even_when_nothing_would_change(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    store.case_file.update_client(me, case.client_id, {"phone": "07700 900456"}, version=1)
    # A form opened at version 1 still shows the old phone; saving it must not put it back.
    with pytest.raises(Conflict):
        store.case_file.update_client(me, case.client_id, {"phone": "07700 900123"}, version=1)
    assert store.case_file.client(me, case.client_id).phone == "07700 900456"


def test_history_is_newest_first(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    store.case_file.update_client(me, case.client_id, {"language": "Yoruba"}, version=1)
    store.case_file.update_client(me, case.client_id, {"language": "English"}, version=2)
    assert _changes(store.case_file.history(me, "client", case.client_id)) == [
        ("language", "Yoruba", "English"),
        ("language", "", "Yoruba"),
    ]


def test_unknown_ids_are_not_found(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    for call in (
        lambda: store.case_file.client(me, 999),
        lambda: store.case_file.update_client(me, 999, {"language": "x"}, version=1),
        lambda: store.case_file.contacts(me, 999),
        lambda: store.case_file.add_contact(me, 999, {"name": "Ann"}),
        lambda: store.case_file.update_contact(me, 999, {"name": "Ann"}, version=1),
        lambda: store.case_file.remove_contact(me, 999, version=1),
        lambda: store.case_file.professionals(me, 999),
        lambda: store.case_file.add_professional(me, 999, {"name": "Dr Reid"}),
        lambda: store.case_file.update_professional(me, 999, {"name": "Dr Reid"}, version=1),
        lambda: store.case_file.remove_professional(me, 999, version=1),
        lambda: store.case_file.summary(me, 999),
        lambda: store.case_file.summary_versions(me, 999),
        lambda: store.case_file.save_summary(me, 999, "text"),
        lambda: store.case_file.history(me, "contact", 999),
    ):
        with pytest.raises(NotFound) as caught:
            call()
        assert "999" in str(caught.value) and "\n" not in str(caught.value)


def test_history_refuses_tables_without_history(store: Store, me: WorkerInfo) -> None:
    with pytest.raises(ValueError, match="note"):
        store.case_file.history(me, "note", 1)


# --- support network -------------------------------------------------------------------------


def test_contacts_are_added_cleaned_and_listed_by_name(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    added = store.case_file.add_contact(
        me,
        case.client_id,
        {
            "name": "  Joanne  Okafor ",
            "relationship": "mother",
            "phone": "07700 900777",
            "address": "2 Mill Lane, Leeds LS6 1AB",
            "notes": "Has a key; visits daily.\r\nPrefers contact by text.  ",
        },
    )
    store.case_file.add_contact(
        me, case.client_id, {"name": "Ébun Adeyemi", "relationship": "friend"}
    )
    store.case_file.add_contact(
        me, case.client_id, {"name": "adam Price", "relationship": "neighbour"}
    )
    assert (added.name, added.relationship, added.version) == ("Joanne Okafor", "mother", 1)
    assert added.notes == "Has a key; visits daily.\nPrefers contact by text."
    assert added.client_id == case.client_id
    # Accents and case don't decide the order.
    assert [c.name for c in store.case_file.contacts(me, case.client_id)] == [
        "adam Price",
        "Ébun Adeyemi",
        "Joanne Okafor",
    ]
    assert _rows(store, "SELECT created_by_id FROM contact") == [(me.id,)] * 3


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Name is required."),
        ("name", "   ", "Name is required."),
        ("name", "07700", "Name must contain letters."),
        ("name", "n" * 121, "Name is too long (121 characters; at most 120)."),
        ("relationship", "r" * 121, "Relationship is too long (at most 120 characters)."),
        ("phone", "ring ring", "Phone may contain digits"),
        ("phone", "12", "between 6 and 20 digits"),
        ("address", "a" * 301, "Address is too long"),
        ("notes", "n" * 2001, "Notes is too long (2,001 characters; at most 2,000)."),
    ],
)
def test_bad_contacts_are_refused_at_the_field(
    store: Store, me: WorkerInfo, case: CaseDetail, field: str, value: str, message: str
) -> None:
    data = {"name": "Joanne Okafor", field: value}
    with pytest.raises(InvalidInput) as caught:
        store.case_file.add_contact(me, case.client_id, data)
    assert list(caught.value.errors) == [field]
    assert message in caught.value.errors[field]
    assert _count(store, "contact") == 0


def test_a_contact_needs_a_name_even_when_the_form_leaves_it_out(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.case_file.add_contact(me, case.client_id, {"relationship": "aunt"})
    assert caught.value.errors == {"name": "Name is required."}


def test_contact_notes_keep_their_lines_but_lose_escape_sequences(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    added = store.case_file.add_contact(
        me,
        case.client_id,
        {"name": "Ann Lee", "notes": "Line one\n\x1b]52;c;ZXZpbA==\x07Line two\x1b[2J"},
    )
    assert added.notes == "Line one\nLine two"


def test_update_contact_logs_changes_and_bumps_the_version(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    contact = store.case_file.add_contact(
        me, case.client_id, {"name": "Joanne Okafor", "phone": "07700 900777"}
    )
    updated = store.case_file.update_contact(
        me,
        contact.id,
        {"name": "Joanne Okafor", "phone": "07700 900888", "notes": "New number from 20 Nov"},
        version=contact.version,
    )
    assert (updated.phone, updated.notes, updated.version) == (
        "07700 900888",
        "New number from 20 Nov",
        2,
    )
    assert sorted(_changes(store.case_file.history(me, "contact", contact.id))) == [
        ("notes", "", "New number from 20 Nov"),
        ("phone", "07700 900777", "07700 900888"),
    ]
    # The client's own history is separate.
    assert store.case_file.history(me, "client", case.client_id) == []


def test_unchanged_contact_writes_nothing(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    contact = store.case_file.add_contact(me, case.client_id, {"name": "Joanne Okafor"})
    same = store.case_file.update_contact(me, contact.id, {"name": "Joanne  Okafor"}, version=1)
    assert same == contact
    assert _count(store, "record_change") == 0


def test_bad_contact_update_changes_nothing(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    contact = store.case_file.add_contact(me, case.client_id, {"name": "Joanne Okafor"})
    with pytest.raises(InvalidInput) as caught:
        store.case_file.update_contact(
            me, contact.id, {"name": "", "phone": "07700 900888"}, version=1
        )
    assert caught.value.errors == {"name": "Name is required."}
    assert store.case_file.contacts(me, case.client_id) == [contact]


def test_contact_edits_from_the_same_version_conflict(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    contact = store.case_file.add_contact(me, case.client_id, {"name": "Joanne Okafor"})
    store.case_file.update_contact(other, contact.id, {"relationship": "mother"}, version=1)
    with pytest.raises(Conflict, match="Priya Nair changed this contact"):
        store.case_file.update_contact(me, contact.id, {"relationship": "aunt"}, version=1)
    with pytest.raises(Conflict):
        store.case_file.remove_contact(me, contact.id, version=1)
    (now,) = store.case_file.contacts(me, case.client_id)
    assert (now.relationship, now.version) == ("mother", 2)
    assert len(store.case_file.history(me, "contact", contact.id)) == 1


def test_removing_a_contact_keeps_the_row_and_logs_it(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    keep = store.case_file.add_contact(me, case.client_id, {"name": "Ann Lee"})
    gone = store.case_file.add_contact(me, case.client_id, {"name": "Joanne Okafor"})
    store.case_file.remove_contact(me, gone.id, version=gone.version)
    assert store.case_file.contacts(me, case.client_id) == [keep]
    assert _rows(
        store, "SELECT name, CAST(removed_at AS TEXT), version FROM contact WHERE id = ?", gone.id
    ) == [("Joanne Okafor", "2026-11-23 10:00:00", 2)]
    assert _changes(store.case_file.history(me, "contact", gone.id)) == [
        ("removed", None, "2026-11-23T10:00:00")
    ]
    # Removed means removed: it can't be edited or removed again.
    with pytest.raises(Conflict, match="removed"):
        store.case_file.update_contact(me, gone.id, {"name": "Joanne"}, version=2)
    with pytest.raises(Conflict, match="removed"):
        store.case_file.remove_contact(me, gone.id, version=2)
    assert len(store.case_file.history(me, "contact", gone.id)) == 1


# --- professionals -----------------------------------------------------------------------------


def _professional(**fields: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "name": "Dr Jo Hart",
        "agency": "Hillside Medical Practice",
        "role": "GP",
        "phone": "0113 496 0123",
        "email": "j.hart@hillside.nhs.example",
        "started_on": "1/3/2024",
    }
    data.update(fields)
    return data


def test_professionals_are_added_with_typed_dates(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    added = store.case_file.add_professional(me, case.id, _professional(ended_on="-1w"))
    assert (added.case_id, added.name, added.agency, added.role) == (
        case.id,
        "Dr Jo Hart",
        "Hillside Medical Practice",
        "GP",
    )
    assert (added.started_on, added.ended_on) == (date(2024, 3, 1), date(2026, 11, 16))
    us = store.case_file.add_professional(
        me, case.id, _professional(started_on="3/1/2024"), dayfirst=False
    )
    assert us.started_on == date(2024, 3, 1)


def test_professionals_list_current_first_then_ended_by_name(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    for name, ended in [
        ("Zara Price", ""),
        ("Amy Cole", "1/10/2026"),
        ("Ben Lowe", "in 2 weeks"),
        ("ann Reid", "today"),  # ended today: no longer current
        ("Carl Dunne", ""),
    ]:
        store.case_file.add_professional(me, case.id, _professional(name=name, ended_on=ended))
    assert [p.name for p in store.case_file.professionals(me, case.id)] == [
        "Ben Lowe",
        "Carl Dunne",
        "Zara Price",
        "Amy Cole",
        "ann Reid",
    ]


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("name", "", "Name is required."),
        ("name", "42", "Name must contain letters."),
        ("agency", "a" * 121, "Agency is too long (at most 120 characters)."),
        ("role", "r" * 121, "Role is too long (at most 120 characters)."),
        ("phone", "0113 HILLSIDE", "Phone may contain digits"),
        ("email", "j.hart", "Email should look like name@example.org."),
        ("email", "j.hart@hillside", "Email should look like name@example.org."),
        ("email", "j hart@hillside.example", "Email should look like name@example.org."),
        ("email", "a@b@c.example", "Email should look like name@example.org."),
        ("email", "x@" + "e" * 250 + ".org", "Email is too long (at most 254 characters)."),
        ("started_on", "soon", 'Not a date: "soon"'),
        ("ended_on", "31/4/2026", "There is no 31 April 2026"),
        ("ended_on", "1/2/2024", "End date is before the start date."),
    ],
)
def test_bad_professionals_are_refused_at_the_field(
    store: Store,
    me: WorkerInfo,
    case: CaseDetail,
    field: str,
    value: str,
    message: str,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.case_file.add_professional(me, case.id, _professional(**{field: value}))
    assert list(caught.value.errors) == [field]
    assert message in caught.value.errors[field]
    assert _count(store, "professional") == 0


def test_a_professional_may_end_the_day_they_started(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    p = store.case_file.add_professional(
        me, case.id, _professional(started_on="1/3/2024", ended_on="1/3/2024")
    )
    assert p.ended_on == p.started_on == date(2024, 3, 1)


def test_update_professional_checks_the_end_against_the_stored_start(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    p = store.case_file.add_professional(me, case.id, _professional())
    with pytest.raises(InvalidInput) as caught:
        store.case_file.update_professional(me, p.id, {"ended_on": "1/1/2024"}, version=1)
    assert caught.value.errors == {"ended_on": "End date is before the start date."}
    ended = store.case_file.update_professional(
        me, p.id, {"ended_on": "2/3/2025", "role": "GP partner"}, version=1
    )
    assert (ended.ended_on, ended.role, ended.version) == (date(2025, 3, 2), "GP partner", 2)
    assert sorted(_changes(store.case_file.history(me, "professional", p.id))) == [
        ("ended_on", None, "2025-03-02"),
        ("role", "GP", "GP partner"),
    ]


def test_professional_edits_from_the_same_version_conflict(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    p = store.case_file.add_professional(me, case.id, _professional())
    store.case_file.update_professional(other, p.id, {"phone": "0113 496 0999"}, version=1)
    with pytest.raises(Conflict, match="Priya Nair changed this professional"):
        store.case_file.update_professional(
            me, p.id, {"email": "jo@hillside.nhs.example"}, version=1
        )
    (now,) = store.case_file.professionals(me, case.id)
    assert (now.phone, now.email, now.version) == (
        "0113 496 0999",
        "j.hart@hillside.nhs.example",
        2,
    )


def test_removing_a_professional_keeps_the_row_and_logs_it(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    p = store.case_file.add_professional(me, case.id, _professional())
    store.case_file.remove_professional(me, p.id, version=1)
    assert store.case_file.professionals(me, case.id) == []
    assert _rows(store, "SELECT name, version FROM professional") == [("Dr Jo Hart", 2)]
    assert _changes(store.case_file.history(me, "professional", p.id)) == [
        ("removed", None, "2026-11-23T10:00:00")
    ]
    with pytest.raises(Conflict, match="removed"):
        store.case_file.update_professional(me, p.id, {"role": "GP"}, version=2)


# --- case summary -----------------------------------------------------------------------------


def test_a_new_case_has_no_summary(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    assert store.case_file.summary(me, case.id) is None
    assert store.case_file.summary_versions(me, case.id) == []


def test_summary_versions_are_kept_newest_first(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    first = store.case_file.save_summary(me, case.id, "## Background\n\nReferred by the GP.")
    second = store.case_file.save_summary(
        other, case.id, "## Background\n\nReferred by the GP.\n\n## Progress"
    )
    assert (first.author_name, second.author_name) == ("Sam Okafor", "Priya Nair")
    assert second.created_at == NOW_UTC
    assert store.case_file.summary(me, case.id) == second
    assert store.case_file.summary_versions(me, case.id) == [second, first]


def test_saving_the_current_text_again_is_a_no_op(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    first = store.case_file.save_summary(me, case.id, "Same text")
    again = store.case_file.save_summary(other, case.id, "Same text")
    assert again == first
    assert _count(store, "summary_version") == 1
    # Only the *current* text counts: going back to an older version is a new version.
    store.case_file.save_summary(me, case.id, "Other text")
    store.case_file.save_summary(me, case.id, "Same text")
    assert [s.body for s in store.case_file.summary_versions(me, case.id)] == [
        "Same text",
        "Other text",
        "Same text",
    ]


def test_summary_bodies_are_stored_exactly_as_typed(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    body = (
        "  ## [bold red]Background[/]\r\n\n* [link=file:///etc/passwd]x[/link]\n"
        "\x1b]52;c;ZXZpbA==\x07\x1b[2J\ttab\u200b and Zoë  \n\n"
    )
    saved = store.case_file.save_summary(me, case.id, body)
    assert saved.body == body
    assert store.case_file.summary(me, case.id) == saved
    assert _rows(store, "SELECT body FROM summary_version") == [(body,)]
    # Trailing whitespace is part of the text: it makes a new version.
    assert store.case_file.save_summary(me, case.id, body + " ").id != saved.id


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("", "The summary is empty"),
        ("  \n\t\n ", "The summary is empty"),
        ("x" * 200_001, "The summary is too long (200,001 characters; at most 200,000)."),
    ],
)
def test_bad_summaries_are_refused(
    store: Store, me: WorkerInfo, case: CaseDetail, body: str, message: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.case_file.save_summary(me, case.id, body)
    assert list(caught.value.errors) == ["body"]
    assert message in caught.value.errors["body"]
    assert _count(store, "summary_version") == 0


def test_the_longest_summary_is_accepted(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    assert len(store.case_file.save_summary(me, case.id, "x" * 200_000).body) == 200_000


def test_summaries_belong_to_their_case(
    store: Store, me: WorkerInfo, case: CaseDetail, make_case: Any
) -> None:
    other_case = make_case()
    store.case_file.save_summary(me, case.id, "Mine")
    assert store.case_file.summary(me, other_case.id) is None


def test_case_history_gathers_client_network_and_professionals(
    store: Store, me: WorkerInfo
) -> None:
    case = store.cases.create(me, {"client_name": "Ada Byron", "phone": "07700 900001"})
    client = store.case_file.client(me, case.client_id)
    store.case_file.update_client(me, client.id, {"phone": "07700 900002"}, version=client.version)
    contact = store.case_file.add_contact(
        me, client.id, {"name": "Anne Byron", "relationship": "mother"}
    )
    store.case_file.update_contact(
        me, contact.id, {"relationship": "grandmother"}, version=contact.version
    )
    pro = store.case_file.add_professional(me, case.id, {"name": "Dr Hart", "role": "GP"})
    store.case_file.remove_professional(me, pro.id, version=pro.version)
    history = store.case_file.case_history(me, case.id)
    labelled = {(label, change.field) for label, change in history}
    assert labelled == {
        ("Client", "phone"),
        ("Contact: Anne Byron", "relationship"),
        ("Professional: Dr Hart", "removed"),
    }
    phone = next(c for label, c in history if c.field == "phone")
    assert (phone.old_value, phone.new_value, phone.changed_by) == (
        "07700 900001",
        "07700 900002",
        "Sam Okafor",
    )


def test_the_case_file_is_one_read_with_notes_and_plan_only_when_asked(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    store.notes.finalise(
        me, case.id, {"contact_at": "today 9:00", "note_type": "phone call", "body": "Rang GP."}
    )
    bare = store.case_file.view(me, case.id)
    assert (bare.detail.id, bare.notes, bare.plan_loaded) == (case.id, None, False)
    full = store.case_file.view(me, case.id, notes=("gp", None), plan=True)
    assert [n.first_line for n in full.notes or []] == ["Rang GP."]
    assert full.plan_loaded and full.plan is None
    assert store.case_file.view(me, case.id, notes=("nothing like it", None)).notes == []
