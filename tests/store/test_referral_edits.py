"""A referral's details corrected after it is made: freely while a draft, as an amendment with
its reason once sent (whom it went to and when stay as they were); each earlier version kept as
written, the save checked against the version it was made from, audited, and the search index
following the edit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta

import pytest

from store.cases.records import CaseDetail
from store.common import dates
from store.common.errors import Conflict, InvalidInput, NotPermitted
from store.common.records import WorkerInfo
from store.core.models import AuditEvent
from store.referrals.records import ReferralDetail
from store.service import Store
from tests.conftest import FROZEN_NOW
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

MakeCase = Callable[..., CaseDetail]

MADE = {
    "agency": "Northside Food Bank",
    "agency_contact": "0161 496 0101",
    "referred_on": "2/11/2026",
    "reason": "No money for food until the benefit claim is paid.",
    "urgency": "soon",
    "shared": "Name, address, household size",
    "lawful_reason": "Safeguarding: children at risk of going hungry",
}
DETAILS = ("agency", "agency_contact", "referred_on", "reason", "urgency", "shared")


@pytest.fixture
def case(make_case: MakeCase) -> CaseDetail:
    return make_case(client_name="Dana Reyes", allocated_on="1/6/2026")


@pytest.fixture
def sent(store: Store, me: WorkerInfo, case: CaseDetail) -> ReferralDetail:
    return store.referrals.create(me, case.id, MADE)


@pytest.fixture
def draft(store: Store, me: WorkerInfo, case: CaseDetail) -> ReferralDetail:
    return store.referrals.create(me, case.id, {**MADE, "status": "drafted", "lawful_reason": ""})


def form(r: ReferralDetail, **changes: str) -> dict[str, str]:
    """The edit form as it opens on ``r``, with ``changes`` typed."""
    s = r.summary
    return {
        "agency": s.agency,
        "agency_contact": r.agency_contact,
        "referred_on": s.referred_on.strftime("%d/%m/%Y"),
        "reason": r.reason,
        "urgency": s.urgency,
        "shared": r.shared,
        "why": "",
        **changes,
    }


def edit(store: Store, who: WorkerInfo, r: ReferralDetail, **changes: str) -> ReferralDetail:
    return store.referrals.edit(who, r.id, form(r, **changes), version=r.summary.version)


def test_a_sent_referral_is_amended_with_its_reason_and_the_earlier_version_kept(
    store: Store, me: WorkerInfo, sent: ReferralDetail
) -> None:
    edited = edit(
        store,
        me,
        sent,
        reason="No money for food until the claim is paid; three children at home.",
        urgency="urgent",
        agency_contact="duty desk, 0161 496 0102",
        why="The household size was left out of the reason.",
    )
    assert edited.reason.endswith("three children at home.")
    assert (edited.summary.urgency, edited.agency_contact) == (
        "urgent",
        "duty desk, 0161 496 0102",
    )
    assert edited.summary.version == sent.summary.version + 1
    [before] = edited.earlier
    assert (before.reason, before.urgency, before.agency_contact, before.status) == (
        sent.reason,
        "soon",
        "0161 496 0101",
        "sent",
    )
    assert before.why == "The household size was left out of the reason."
    assert before.replaced_by == "Sam Okafor"
    # Read again, it is the same; the status history is untouched.
    again = store.referrals.get(me, sent.id)
    assert again.earlier == edited.earlier
    assert [h.status for h in again.history] == ["sent"]
    with store.database.reading():
        actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.id)]
    assert actions[-1] == "referral-edited"


def test_once_sent_whom_it_went_to_and_when_stay_and_the_reason_is_needed(
    store: Store, me: WorkerInfo, sent: ReferralDetail
) -> None:
    with pytest.raises(InvalidInput) as caught:
        edit(store, me, sent, reason="Something else.")
    assert "say why" in caught.value.errors["why"]
    with pytest.raises(InvalidInput) as caught:
        edit(store, me, sent, agency="Southside Pantry", why="Wrong agency")
    assert "a new one" in caught.value.errors["agency"]
    with pytest.raises(InvalidInput) as caught:
        edit(store, me, sent, referred_on="3/11/2026", why="Wrong day")
    assert "stays" in caught.value.errors["referred_on"]
    with pytest.raises(InvalidInput) as caught:
        edit(store, me, sent, why="Nothing really")
    assert caught.value.errors["form"] == "Nothing was changed."
    assert store.referrals.get(me, sent.id).earlier == ()


def test_a_draft_is_corrected_freely_even_to_whom_and_when(
    store: Store, me: WorkerInfo, draft: ReferralDetail
) -> None:
    edited = edit(store, me, draft, agency="Southside Pantry", referred_on="5/11/2026")
    assert (edited.summary.agency, edited.summary.referred_on.day) == ("Southside Pantry", 5)
    assert edited.summary.status_on == edited.summary.referred_on
    [before] = edited.earlier
    assert (before.agency, before.why, before.status) == ("Northside Food Bank", "", "drafted")
    with pytest.raises(InvalidInput) as caught:
        edit(store, me, edited, referred_on="1/1/2026")  # before the case was allocated
    assert "before the case was opened" in caught.value.errors["referred_on"]


def test_each_edit_shows_in_the_case_history_with_who_when_what_and_why(
    store: Store,
    me: WorkerInfo,
    other: WorkerInfo,
    case: CaseDetail,
    sent: ReferralDetail,
    draft: ReferralDetail,
) -> None:
    # Edits of two referrals in turn, a minute apart, as people make them.
    with dates.frozen(FROZEN_NOW + timedelta(minutes=1)):
        edit(store, other, sent, urgency="urgent", agency_contact="Duty desk", why="Worse since")
    with dates.frozen(FROZEN_NOW + timedelta(minutes=2)):
        edit(store, me, draft, agency="Southside Pantry", referred_on="5/11/2026")
    with dates.frozen(FROZEN_NOW + timedelta(minutes=3)):
        edit(store, me, store.referrals.get(me, sent.id), reason="Rent arrears.", why="Clearer")

    lines = store.case_file.case_history_lines(me, case.id)
    shown = [(h.record, h.field, h.was, h.now, h.changed_by, h.why) for h in lines]
    northside = "Referral to Northside Food Bank"
    assert shown == [
        (northside, "reason", MADE["reason"], "Rent arrears.", "Sam Okafor", "Clearer"),
        (
            "Referral to Southside Pantry",
            "to whom",
            "Northside Food Bank",
            "Southside Pantry",
            "Sam Okafor",
            "",
        ),
        ("Referral to Southside Pantry", "date", "02 Nov 2026", "05 Nov 2026", "Sam Okafor", ""),
        (northside, "contact there", "0161 496 0101", "Duty desk", "Priya Nair", "Worse since"),
        (northside, "urgency", "soon", "urgent", "Priya Nair", "Worse since"),
    ]
    assert lines[0].changed_at == FROZEN_NOW + timedelta(minutes=3)


def test_more_shared_once_sent_is_logged_as_shared_anew_under_what_it_was_sent_under(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    consent = store.consent.add(
        me, case.id, {"share_what": "Name, needs", "recipient": MADE["agency"], "given_on": "1/11"}
    )
    sent = store.referrals.create(
        me, case.id, {**MADE, "lawful_reason": "", "consent_id": consent.id}
    )
    # Put in other words and another order, nothing new is shared.
    sent = edit(store, me, sent, shared="household size; name and address.", why="Tidier")
    assert len(store.consent.sharing_log(me, case.id)) == 1
    long = "Their own form, filled in: " + "x" * 600  # longer than a consent's "what"
    with dates.frozen(FROZEN_NOW + timedelta(minutes=1)):
        sent = edit(
            store,
            me,
            sent,
            shared=f"Name, address, rent arrears and the GP's letter\n{long}",
            why="Their intake form asked for more",
        )
    newest, _ = store.consent.sharing_log(me, case.id)
    assert (newest.recipient, newest.what, newest.consent_id, newest.lawful_reason) == (
        "Northside Food Bank",
        f"rent arrears, the GP's letter, {long}",
        consent.id,
        "",
    )
    assert (newest.source, newest.source_id, sent.consent_id) == ("referral", sent.id, consent.id)
    with store.database.reading():
        actions = [e.action for e in AuditEvent.select().order_by(AuditEvent.id)]
    assert actions[-2:] == ["information-shared", "referral-edited"]
    # The consent withdrawn since, nothing more is shared under it, and nothing is kept.
    store.consent.withdraw(
        me, consent.id, {"withdrawn_on": "today", "reason": "She asked"}, version=1
    )
    with pytest.raises(InvalidInput) as caught:
        edit(store, me, sent, shared=f"{sent.shared}; school reports", why="Asked")
    assert "consent that is withdrawn today" in caught.value.errors["shared"]
    assert len(store.consent.sharing_log(me, case.id)) == 2
    assert len(store.referrals.get(me, sent.id).earlier) == 2


def test_a_draft_withdrawn_is_finished_as_it_was(
    store: Store, me: WorkerInfo, draft: ReferralDetail
) -> None:
    withdrawn = store.referrals.change_status(
        me, draft.id, {"status": "withdrawn", "outcome": "She found a place herself"}, version=1
    )
    with pytest.raises(InvalidInput) as caught:
        edit(store, me, withdrawn, agency="Southside Pantry", why="Wrong one")
    assert caught.value.errors["agency"] == (
        "It was withdrawn; a referral to another agency is a new one."
    )
    edited = edit(store, me, withdrawn, urgency="urgent", why="It was urgent")
    assert [v.status for v in edited.earlier] == ["withdrawn"]


@pytest.mark.parametrize(
    ("field", "value", "says"),
    [
        ("reason", "   ", "why the client is being referred"),
        ("shared", "", "what information"),
        ("agency", "", "To whom"),
        ("agency", "1234", "letters"),
        ("agency", "x" * 201, "200"),
        ("why", "x" * 2_001, "2,000"),
        ("reason", "x" * 5_001, "5,000"),
        ("urgency", "whenever", "urgency"),
        ("referred_on", "31/2/2026", ""),
        ("referred_on", "+1w", "future"),
    ],
)
def test_bad_input_is_refused_by_field_and_nothing_changes(
    store: Store, me: WorkerInfo, draft: ReferralDetail, field: str, value: str, says: str
) -> None:
    with pytest.raises(InvalidInput) as caught:
        edit(store, me, draft, **{field: value})
    assert field in caught.value.errors
    assert says in caught.value.errors[field]
    assert store.referrals.get(me, draft.id).earlier == ()


def test_control_characters_typed_are_taken_out(
    store: Store, me: WorkerInfo, sent: ReferralDetail
) -> None:
    edited = edit(store, me, sent, agency_contact="duty\x1b[31m desk\x07", why="New\x00 contact")
    assert edited.agency_contact == "duty desk"
    assert edited.earlier[0].why == "New contact"


def test_a_save_from_an_old_version_shows_the_other_one_and_keeps_nothing(
    store: Store, me: WorkerInfo, other: WorkerInfo, sent: ReferralDetail
) -> None:
    edit(store, other, sent, urgency="urgent", why="Their duty team asked")
    with pytest.raises(Conflict) as caught:
        edit(store, me, sent, reason="Mine", why="Mine too")
    assert "Priya Nair changed this referral" in str(caught.value)
    assert caught.value.current["urgency"] == "urgent"
    assert caught.value.version == sent.summary.version + 1
    now = store.referrals.get(me, sent.id)
    assert now.reason == sent.reason and len(now.earlier) == 1
    # Having seen it, the worker saves theirs over it.
    mine = store.referrals.edit(
        me, sent.id, form(now, reason="Mine", why="Mine too"), version=now.summary.version
    )
    assert [v.urgency for v in mine.earlier] == ["soon", "urgent"]


def test_a_status_change_since_opening_is_a_conflict_too(
    store: Store, me: WorkerInfo, other: WorkerInfo, sent: ReferralDetail
) -> None:
    store.referrals.change_status(
        other, sent.id, {"status": "accepted", "changed_on": "today"}, version=1
    )
    with pytest.raises(Conflict) as caught:
        edit(store, me, sent, reason="Mine", why="Mine")
    assert "Priya Nair" in str(caught.value)


def test_the_earlier_versions_are_records_the_database_keeps(
    store: Store, me: WorkerInfo, sent: ReferralDetail
) -> None:
    edit(store, me, sent, urgency="urgent", why="Worse since")
    conn = Outside.of(store)
    try:
        with pytest.raises(conn.refused, match="kept as written"):
            conn.execute("UPDATE referral_version SET reason = 'x'")
        with pytest.raises(conn.refused, match="kept as written"):
            conn.execute("DELETE FROM referral_version")
    finally:
        conn.close()
    assert store.integrity.verify().problems == ()


@pytest.mark.sqlite_only  # search everywhere is not on PostgreSQL yet
def test_search_finds_the_words_as_edited(
    store: Store, me: WorkerInfo, sent: ReferralDetail
) -> None:
    def found(words: str) -> list[int]:
        hits = store.search.search(me, words).hits
        return [h.record_id for h in hits if h.kind == "referral"]

    assert found("benefit") == [sent.id]
    edit(store, me, sent, reason="Waiting for universal credit.", why="Clearer")
    assert found("benefit") == []  # (the chronology keeps what was sent)
    assert found("universal credit") == [sent.id]


def test_a_closed_case_or_a_reader_cannot_edit(
    store: Store, me: WorkerInfo, sent: ReferralDetail, case: CaseDetail
) -> None:
    reader = store.workers.ensure("ann.auditor", role="auditor", team="North")
    with pytest.raises(NotPermitted):
        edit(store, reader, sent, urgency="urgent", why="x")
    store.cases.close(
        me,
        case.id,
        {"closed_on": "today", "reason": "other", "open_items_reason": "Moved away"},
        version=store.cases.get(me, case.id).version,
    )
    with pytest.raises(InvalidInput, match="closed"):
        edit(store, me, sent, urgency="urgent", why="x")
