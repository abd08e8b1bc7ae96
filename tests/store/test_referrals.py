"""Referrals out of a case (status history, transitions, chasing and escalation, chronology
entries) and the incoming referrals by which a case arrived."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

import pytest

from store.cases.records import CaseDetail
from store.common import dates
from store.common.errors import Conflict, InvalidInput, NotFound
from store.common.records import WorkerInfo
from store.core.models import AuditEvent, Case, ChronologyEntry
from store.referrals.models import ReferralChase, ReferralStatusChange
from store.referrals.records import ReferralDetail
from store.service import Store
from tests.conftest import FROZEN_NOW
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

TODAY = FROZEN_NOW.date()  # Monday 23 November 2026
MakeCase = Callable[..., CaseDetail]

REFERRAL = {
    "agency": "Northside Food Bank",
    "agency_contact": "0161 496 0101",
    "referred_on": "2/11/2026",
    "reason": "No money for food until the benefit claim is paid.",
    "urgency": "soon",
    "shared": "Name, address, household size",
    "status": "sent",
    "lawful_reason": "",
    "consent_id": "",
}


def referral(**changes: str) -> dict[str, str]:
    return {**REFERRAL, **changes}


SENT_UNDER_REASON = referral(lawful_reason="Safeguarding: children at risk of going hungry")
CHASE = {"chased_on": "9/11/2026", "method": "phone", "contacted": "Duty desk", "said": ""}


@pytest.fixture
def case(make_case: MakeCase) -> CaseDetail:
    return make_case(client_name="Dana Reyes", allocated_on="1/6/2026")


@pytest.fixture
def sent(store: Store, me: WorkerInfo, case: CaseDetail) -> ReferralDetail:
    return store.referrals.create(me, case.id, SENT_UNDER_REASON)


def chase(store: Store, me: WorkerInfo, r: ReferralDetail, **changes: str) -> ReferralDetail:
    return store.referrals.chase(me, r.id, {**CHASE, **changes})


def move(
    store: Store, me: WorkerInfo, r: ReferralDetail, status: str, on: str = "today", **more: str
) -> ReferralDetail:
    return store.referrals.change_status(
        me, r.id, {"status": status, "changed_on": on, **more}, version=r.summary.version
    )


def entries(store: Store, case_id: int) -> list[tuple[date, str, str]]:
    with store.database.reading():
        return [
            (e.occurred_on, e.category, e.title)
            for e in ChronologyEntry.select()
            .where(ChronologyEntry.case == case_id, ChronologyEntry.source_kind == "referral")
            .order_by(ChronologyEntry.id)
        ]


def escalations(store: Store, case_id: int) -> int:
    with store.database.reading():
        return int(Case.get_by_id(case_id).referrals_to_escalate)


# --- making a referral -------------------------------------------------------------------


def test_a_sent_referral_keeps_its_first_status_and_writes_the_chronology(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail
) -> None:
    s = sent.summary
    assert (s.agency, s.status, s.sent_on, s.urgency) == (
        "Northside Food Bank",
        "sent",
        date(2026, 11, 2),
        "soon",
    )
    assert [(h.status, h.previous, h.changed_on, h.by) for h in sent.history] == [
        ("sent", "", date(2026, 11, 2), "Sam Okafor")
    ]
    assert s.days_waited == (TODAY - date(2026, 11, 2)).days == 21
    assert s.days_since_response is None
    assert entries(store, case.id) == [
        (date(2026, 11, 2), "referral", "Referral sent to Northside Food Bank")
    ]
    with store.database.reading():
        detail = ChronologyEntry.get(ChronologyEntry.source_kind == "referral").details
    assert "Shared without consent: Safeguarding" in detail
    assert "Name, address, household size" in detail


def test_a_drafted_referral_writes_nothing_to_the_chronology_until_sent(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    drafted = store.referrals.create(me, case.id, referral(status="drafted"))
    assert drafted.summary.status == "drafted"
    assert drafted.summary.days_waited is None
    assert entries(store, case.id) == []
    sent = move(store, me, drafted, "sent", "10/11/2026", lawful_reason="Court order of 9/11")
    assert (sent.summary.sent_on, sent.lawful_reason) == (date(2026, 11, 10), "Court order of 9/11")
    assert [h.status for h in sent.history] == ["drafted", "sent"]
    assert entries(store, case.id) == [
        (date(2026, 11, 10), "referral", "Referral sent to Northside Food Bank")
    ]


def test_sending_without_a_consent_asks_for_the_lawful_reason(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    with pytest.raises(InvalidInput) as refused:
        store.referrals.create(me, case.id, referral())
    assert "lawful reason" in refused.value.errors["consent_id"]
    drafted = store.referrals.create(me, case.id, referral(status="drafted"))
    with pytest.raises(InvalidInput) as again:
        move(store, me, drafted, "sent")
    assert "consent_id" in again.value.errors
    assert store.referrals.for_case(me, case.id).outgoing[0].status == "drafted"


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"agency": "  "}, "agency", "To whom?"),
        ({"agency": "1234"}, "agency", "must contain letters"),
        ({"agency": "x" * 201}, "agency", "too long"),
        ({"reason": ""}, "reason", "Say why"),
        ({"reason": "r" * 5_001}, "reason", "too long"),
        ({"shared": " \n "}, "shared", "Say what information"),
        ({"urgency": "whenever"}, "urgency", "Choose one of: routine, soon, urgent"),
        ({"referred_on": "31/2/2026"}, "referred_on", ""),
        ({"referred_on": "tomorrow"}, "referred_on", "future"),
        ({"referred_on": "1/1/2026"}, "referred_on", "before the case was opened"),
        ({"status": "accepted"}, "status", "Choose one of: drafted, sent"),
        ({"consent_id": "abc"}, "consent_id", "current consents"),
    ],
)
def test_bad_referrals_are_refused_at_their_field(
    store: Store,
    me: WorkerInfo,
    case: CaseDetail,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    with pytest.raises(InvalidInput) as refused:
        store.referrals.create(me, case.id, {**SENT_UNDER_REASON, **changes})
    assert message in refused.value.errors[field]
    assert store.referrals.for_case(me, case.id).outgoing == ()


def test_control_characters_are_taken_out_of_what_is_typed(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    made = store.referrals.create(
        me,
        case.id,
        {**SENT_UNDER_REASON, "agency": "Food\x1b[31m Bank\x07", "reason": "Hungry\x00"},
    )
    assert made.summary.agency == "Food Bank"
    assert made.reason == "Hungry"


# --- status history and transitions ------------------------------------------------------


def test_every_status_change_is_dated_kept_and_may_carry_a_note(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail
) -> None:
    r = move(store, me, sent, "acknowledged", "4/11/2026", note="Letter received")
    r = move(store, me, r, "accepted", "6/11/2026")
    r = move(
        store,
        me,
        r,
        "appointment booked",
        "9/11/2026",
        appointment_at="1/12/2026 10:30",
        accompanied_by="Her sister",
    )
    r = move(store, me, r, "completed", "20/11/2026", outcome="Food parcels weekly until paid")
    assert [(h.previous, h.status, h.changed_on, h.note) for h in r.history] == [
        ("", "sent", date(2026, 11, 2), ""),
        ("sent", "acknowledged", date(2026, 11, 4), "Letter received"),
        ("acknowledged", "accepted", date(2026, 11, 6), ""),
        ("accepted", "appointment booked", date(2026, 11, 9), ""),
        ("appointment booked", "completed", date(2026, 11, 20), ""),
    ]
    assert r.summary.appointment_at is not None
    assert dates.to_local(r.summary.appointment_at).replace(tzinfo=None) == datetime(
        2026, 12, 1, 10, 30
    )
    assert (r.accompanied_by, r.outcome) == ("Her sister", "Food parcels weekly until paid")
    assert r.next_statuses == ()
    assert r.summary.days_waited == 18  # sent 2 Nov, completed 20 Nov
    assert entries(store, case.id) == [
        (date(2026, 11, 2), "referral", "Referral sent to Northside Food Bank"),
        (date(2026, 11, 20), "referral", "Referral to Northside Food Bank completed"),
    ]


@pytest.mark.parametrize("outcome", ["declined", "withdrawn"])
def test_declined_and_withdrawn_are_outcomes_in_the_chronology(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail, outcome: str
) -> None:
    r = move(store, me, sent, outcome, "12/11/2026", outcome="Outside their area")
    assert r.summary.status == outcome and not r.summary.is_open
    assert entries(store, case.id)[-1] == (
        date(2026, 11, 12),
        "referral",
        f"Referral to Northside Food Bank {outcome}",
    )


def test_a_draft_withdrawn_was_never_sent_and_leaves_the_chronology_alone(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    drafted = store.referrals.create(me, case.id, referral(status="drafted"))
    move(store, me, drafted, "withdrawn", outcome="Client found a place herself")
    assert entries(store, case.id) == []


@pytest.mark.parametrize(
    ("path", "refused"),
    [
        ((), "drafted"),  # a sent referral can't go back to drafted
        (("completed",), "sent"),
        (("declined",), "accepted"),
        (("withdrawn",), "sent"),
    ],
)
def test_only_the_allowed_transitions_are_taken(
    store: Store,
    me: WorkerInfo,
    sent: ReferralDetail,
    path: tuple[str, ...],
    refused: str,
) -> None:
    r = sent
    for status in path:
        if status == "completed":
            r = move(store, me, r, "accepted")
        r = move(store, me, r, status, outcome="Done")
    with pytest.raises(InvalidInput) as caught:
        move(store, me, r, refused, outcome="x")
    assert "can't become" in caught.value.errors["status"]


@pytest.mark.parametrize(
    ("status", "more", "field", "message"),
    [
        ("appointment booked", {}, "appointment_at", "When is the appointment"),
        ("appointment booked", {"appointment_at": "32/13/2026"}, "appointment_at", ""),
        ("completed", {"outcome": "Seen"}, "status", "can't become"),
        ("declined", {}, "outcome", "what came of it"),
        ("withdrawn", {}, "outcome", "why it was withdrawn"),
        ("accepted", {"changed_on": "1/11/2026"}, "changed_on", "before that"),
        ("accepted", {"changed_on": "+2d"}, "changed_on", "future"),
        ("accepted", {"note": "n" * 2_001}, "note", "too long"),
        ("lost", {}, "status", "Choose one of"),
        ("", {}, "status", "Choose the status"),
    ],
)
def test_bad_status_changes_are_refused_and_nothing_is_kept(
    store: Store,
    me: WorkerInfo,
    sent: ReferralDetail,
    status: str,
    more: dict[str, str],
    field: str,
    message: str,
) -> None:
    data = {"status": status, "changed_on": "today", **more}
    with pytest.raises(InvalidInput) as caught:
        store.referrals.change_status(me, sent.id, data, version=sent.summary.version)
    assert message in caught.value.errors[field]
    assert len(store.referrals.get(me, sent.id).history) == 1


def test_a_status_change_from_an_old_version_is_refused_showing_theirs(
    store: Store, me: WorkerInfo, other: WorkerInfo, sent: ReferralDetail
) -> None:
    store.referrals.change_status(
        other, sent.id, {"status": "accepted", "changed_on": "today"}, version=1
    )
    with pytest.raises(Conflict) as caught:
        store.referrals.change_status(
            me, sent.id, {"status": "declined", "outcome": "Full"}, version=1
        )
    assert "Priya Nair changed this referral" in str(caught.value)
    assert caught.value.current["status"] == "accepted"
    assert caught.value.version == 2
    assert store.referrals.get(me, sent.id).summary.status == "accepted"


def test_the_history_and_chases_are_records_the_database_keeps(
    store: Store, me: WorkerInfo, sent: ReferralDetail
) -> None:
    chase(store, me, sent)
    for table in ("referral_status_change", "referral_chase"):
        conn = Outside.of(store)
        try:
            with pytest.raises(conn.refused, match="kept as written"):
                conn.execute(f"UPDATE {table} SET created_at = '2020-01-01'")
            with pytest.raises(conn.refused, match="kept as written"):
                conn.execute(f"DELETE FROM {table}")
        finally:
            conn.close()
    report = store.integrity.verify()
    assert report.problems == ()
    with store.database.reading():
        assert ReferralStatusChange.select().count() == 1
        assert ReferralChase.select().count() == 1


# --- chasing -----------------------------------------------------------------------------


def test_chasing_counts_to_escalation_at_exactly_the_limit(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail
) -> None:
    r = chase(store, me, sent, chased_on="9/11/2026", next_chase_on="16/11/2026")
    assert (r.summary.chases, r.summary.next_chase_on, r.summary.escalate) == (
        1,
        date(2026, 11, 16),
        False,
    )
    r = chase(store, me, r, chased_on="16/11/2026", method="email")
    assert (r.summary.unanswered_chases, r.summary.escalate) == (2, False)
    assert escalations(store, case.id) == 0
    assert "escalate" not in store.cases.caseload(me)[0].flags
    r = chase(store, me, r, chased_on="20/11/2026", method="letter")
    assert (r.summary.unanswered_chases, r.summary.escalate) == (3, True)
    assert escalations(store, case.id) == 1
    assert "escalate" in store.cases.caseload(me)[0].flags
    assert store.referrals.for_case(me, case.id).to_escalate == 1
    assert [(c.chased_on, c.method, c.contacted) for c in r.chases] == [
        (date(2026, 11, 9), "phone", "Duty desk"),
        (date(2026, 11, 16), "email", "Duty desk"),
        (date(2026, 11, 20), "letter", "Duty desk"),
    ]


def test_the_limit_is_configurable(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail
) -> None:
    store.referrals.chase_limit = 1
    r = chase(store, me, sent)
    assert r.summary.escalate and r.chase_limit == 1
    assert escalations(store, case.id) == 1


def test_a_response_ends_the_escalation_and_the_days_since_it_count(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail
) -> None:
    r = sent
    for day in ("5/11/2026", "9/11/2026", "12/11/2026"):
        r = chase(store, me, r, chased_on=day)
    assert r.summary.escalate and escalations(store, case.id) == 1
    r = chase(store, me, r, chased_on="16/11/2026", responded="yes", said="On the waiting list")
    assert (r.summary.unanswered_chases, r.summary.escalate) == (0, False)
    assert r.summary.days_since_response == 7  # 16 Nov to Monday 23 Nov
    assert escalations(store, case.id) == 0
    assert "escalate" not in store.cases.caseload(me)[0].flags


def test_an_acknowledgement_is_a_response(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail
) -> None:
    r = sent
    for day in ("5/11/2026", "9/11/2026", "12/11/2026"):
        r = chase(store, me, r, chased_on=day)
    r = move(store, me, r, "acknowledged", "13/11/2026")
    assert (r.summary.escalate, r.summary.days_since_response) == (False, 10)
    assert r.summary.chases == 3
    assert escalations(store, case.id) == 0


def test_an_outcome_ends_the_escalation_on_the_caseload(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail
) -> None:
    r = sent
    for day in ("5/11/2026", "9/11/2026", "12/11/2026"):
        r = chase(store, me, r, chased_on=day)
    assert escalations(store, case.id) == 1
    move(store, me, r, "withdrawn", outcome="Went elsewhere")
    assert escalations(store, case.id) == 0


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"method": "pigeon"}, "method", "Choose one of: phone, email"),
        ({"method": ""}, "method", "Choose the way of chasing"),
        ({"contacted": ""}, "contacted", "Who was contacted"),
        ({"contacted": "c" * 201}, "contacted", "too long"),
        ({"chased_on": "1/11/2026"}, "chased_on", "sent on 02 Nov 2026"),
        ({"chased_on": "tomorrow"}, "chased_on", "future"),
        ({"chased_on": "not a day"}, "chased_on", ""),
        ({"next_chase_on": "9/11/2026"}, "next_chase_on", "after this one"),
        ({"responded": "perhaps"}, "responded", "yes or no"),
        ({"responded": "yes", "said": ""}, "said", "say what they said"),
    ],
)
def test_bad_chases_are_refused(
    store: Store,
    me: WorkerInfo,
    sent: ReferralDetail,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        chase(store, me, sent, **changes)
    assert message in caught.value.errors[field]
    assert store.referrals.get(me, sent.id).chases == ()


def test_only_a_referral_waiting_is_chased(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail
) -> None:
    drafted = store.referrals.create(me, case.id, referral(status="drafted"))
    done = move(store, me, sent, "declined", outcome="Full")
    for r in (drafted, done):
        with pytest.raises(InvalidInput, match="only one waiting is chased"):
            chase(store, me, r)


# --- reading, auditing -------------------------------------------------------------------


def test_the_case_lists_its_referrals_newest_first_and_opening_one_is_audited(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail
) -> None:
    later = store.referrals.create(
        me, case.id, {**SENT_UNDER_REASON, "agency": "Citizens Advice", "referred_on": "20/11"}
    )
    listed = store.referrals.for_case(me, case.id)
    assert [r.agency for r in listed.outgoing] == ["Citizens Advice", "Northside Food Bank"]
    assert listed.chase_limit == 3
    store.referrals.get(me, later.id, opening=True)
    with store.database.reading():
        actions = [
            (e.action, e.record_kind)
            for e in AuditEvent.select().where(AuditEvent.case == case.id).order_by(AuditEvent.id)
        ]
    assert ("referral-added", "referral") in actions
    assert actions[-1] == ("referral-opened", "referral")


def test_a_closed_case_takes_no_new_referral(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail
) -> None:
    with store.database.writing():
        Case.update(status="closed").where(Case.id == case.id).execute()
    with pytest.raises(InvalidInput, match="closed; reopen it"):
        store.referrals.create(me, case.id, SENT_UNDER_REASON)
    with pytest.raises(InvalidInput, match="closed; reopen it"):
        chase(store, me, sent)


def test_an_unknown_referral_is_not_found(store: Store, me: WorkerInfo) -> None:
    with pytest.raises(NotFound):
        store.referrals.get(me, 999)
    with pytest.raises(NotFound):
        store.referrals.update_incoming(me, 999, {}, version=1)


# --- incoming referrals ------------------------------------------------------------------

INCOMING = {
    "source": "GP or health",
    "referrer": "Dr Amir Khan",
    "referrer_contact": "Mill Lane Surgery, 0161 496 0200",
    "reason": "Rent arrears and low mood since losing her job.",
    "received_on": "28/5/2026",
}


@pytest.mark.parametrize("decision", ["allocated", "signposted", "no further action"])
def test_an_incoming_referral_and_its_decision(
    store: Store, me: WorkerInfo, case: CaseDetail, decision: str
) -> None:
    came = store.referrals.add_incoming(me, case.id, INCOMING)
    assert (came.source, came.referrer, came.received_on, came.decision) == (
        "GP or health",
        "Dr Amir Khan",
        date(2026, 5, 28),
        "",
    )
    decided = store.referrals.update_incoming(
        me,
        came.id,
        {**INCOMING, "decision": decision, "decided_on": "1/6/2026"},
        version=came.version,
    )
    assert (decided.decision, decided.decided_on, decided.version) == (
        decision,
        date(2026, 6, 1),
        2,
    )
    history = store.case_file.history(me, "incoming_referral", came.id)
    assert {c.field for c in history} >= {"decision", "decided_on"}


def test_a_case_may_have_several_incoming_referrals(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    store.referrals.add_incoming(me, case.id, INCOMING)
    store.referrals.add_incoming(
        me,
        case.id,
        {
            "source": "self",
            "reason": "Asked for help again",
            "received_on": "1/10/2026",
            "decision": "allocated",
        },
    )
    listed = store.referrals.for_case(me, case.id).incoming
    assert [(i.source, i.decision, i.decided_on) for i in listed] == [
        ("self", "allocated", TODAY),
        ("GP or health", "", None),
    ]


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"source": "rumour"}, "source", "Choose one of"),
        ({"referrer": ""}, "referrer", "Who made the referral"),
        ({"reason": ""}, "reason", "Say why"),
        ({"received_on": "next week"}, "received_on", ""),
        ({"received_on": "+1d"}, "received_on", "future"),
        ({"decision": "maybe"}, "decision", "Choose one of: allocated"),
        ({"decided_on": "1/6/2026"}, "decision", "needs the decision"),
        ({"decision": "signposted", "decided_on": "1/5/2026"}, "decided_on", "before"),
        ({"referrer_contact": "c" * 301}, "referrer_contact", "too long"),
    ],
)
def test_bad_incoming_referrals_are_refused(
    store: Store,
    me: WorkerInfo,
    case: CaseDetail,
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    with pytest.raises(InvalidInput) as caught:
        store.referrals.add_incoming(me, case.id, {**INCOMING, **changes})
    assert message in caught.value.errors[field]
    assert store.referrals.for_case(me, case.id).incoming == ()


def test_an_incoming_referral_changed_meanwhile_is_refused(
    store: Store, me: WorkerInfo, other: WorkerInfo, case: CaseDetail
) -> None:
    came = store.referrals.add_incoming(me, case.id, INCOMING)
    store.referrals.update_incoming(
        other, came.id, {**INCOMING, "decision": "allocated"}, version=1
    )
    with pytest.raises(Conflict) as caught:
        store.referrals.update_incoming(
            me, came.id, {**INCOMING, "decision": "signposted"}, version=1
        )
    assert caught.value.current["decision"] == "allocated"
    assert "Priya Nair" in str(caught.value)


# --- consent and the sharing log ---------------------------------------------------------

CONSENT = {"share_what": "Name and needs", "recipient": "Northside Food Bank", "given_on": "1/11"}


def test_a_referral_sent_under_a_consent_is_logged_as_shared(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    consent = store.consent.add(me, case.id, CONSENT)
    other = store.consent.add(me, case.id, {**CONSENT, "recipient": "Dr Khan (GP)"})
    label = "Name and needs with Northside Food Bank (given 01 Nov 2026)"
    gp = "Name and needs with Dr Khan (GP) (given 01 Nov 2026)"
    assert store.referrals.consents(me, case.id) == [
        (gp, str(other.id), False),
        (label, str(consent.id), False),
    ]
    # Those naming the agency first, and marked: the form chooses one of them to begin with.
    assert store.referrals.consents(me, case.id, recipient="Northside Food Bank") == [
        (label, str(consent.id), True),
        (gp, str(other.id), False),
    ]
    sent = store.referrals.create(me, case.id, referral(consent_id=str(consent.id)))
    assert sent.consent_id == consent.id
    assert sent.consent_text.startswith("Name and needs with Northside Food Bank")
    [line] = store.consent.sharing_log(me, case.id)
    assert (line.recipient, line.what, line.consent_id, line.source, line.source_id) == (
        "Northside Food Bank",
        "Name, address, household size",
        consent.id,
        "referral",
        sent.id,
    )


def test_a_referral_sent_without_consent_logs_the_lawful_reason(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    drafted = store.referrals.create(me, case.id, referral(status="drafted"))
    assert store.consent.sharing_log(me, case.id) == []  # a draft shares nothing
    move(store, me, drafted, "sent", lawful_reason="Safeguarding: risk to the children")
    [line] = store.consent.sharing_log(me, case.id)
    assert (line.consent_id, line.lawful_reason, line.source_id) == (
        None,
        "Safeguarding: risk to the children",
        drafted.id,
    )


def test_a_consent_not_in_force_when_sent_is_refused(
    store: Store, me: WorkerInfo, case: CaseDetail, make_case: MakeCase
) -> None:
    later = store.consent.add(me, case.id, {**CONSENT, "given_on": "10/11/2026"})
    elsewhere = store.consent.add(me, make_case().id, CONSENT)
    both = referral(consent_id=str(later.id), lawful_reason="Court order")
    for data, message in (
        (referral(consent_id=str(later.id)), "not in force on 02 Nov 2026"),
        (referral(consent_id=str(elsewhere.id)), "not one of this client's consents"),
    ):
        with pytest.raises(InvalidInput) as refused:
            store.referrals.create(me, case.id, data)
        assert message in refused.value.errors["consent_id"]
    with pytest.raises(InvalidInput) as refused:
        store.referrals.create(me, case.id, both)
    assert "not both" in refused.value.errors["lawful_reason"]
    assert store.consent.sharing_log(me, case.id) == []
    assert store.referrals.for_case(me, case.id).outgoing == ()


# --- a directory service -----------------------------------------------------------------

SERVICE = {
    "organisation": "Riverside Advice",
    "name": "Debt advice",
    "eligibility": "Adults living in the city for two years",
    "phone": "0161 496 0000",
    "email": "debt@example.org",
}


def test_a_referral_to_a_directory_service_takes_its_name_and_contact(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    service = store.resources.add(me, SERVICE)
    sent = store.referrals.create(
        me,
        case.id,
        {**SENT_UNDER_REASON, "agency": "", "agency_contact": "", "service_id": str(service.id)},
    )
    assert (sent.summary.service_id, sent.summary.agency, sent.agency_contact) == (
        service.id,
        "Debt advice, Riverside Advice",
        "0161 496 0000, debt@example.org",
    )
    assert entries(store, case.id)[-1][2] == "Referral sent to Debt advice, Riverside Advice"


def test_a_service_gone_from_the_directory_is_refused(
    store: Store, me: WorkerInfo, case: CaseDetail
) -> None:
    from store.resources.models import ResourceService

    service = store.resources.add(me, SERVICE)
    with store.database.writing():
        ResourceService.update(withdrawn_at=datetime(2026, 11, 1)).execute()
    data = {**SENT_UNDER_REASON, "agency": "", "service_id": str(service.id)}
    with pytest.raises(InvalidInput) as refused:
        store.referrals.create(me, case.id, data)
    assert "no longer in the directory" in refused.value.errors["agency"]
    with pytest.raises(InvalidInput) as unknown:
        store.referrals.create(me, case.id, {**data, "service_id": "999"})
    assert "No directory service" in unknown.value.errors["agency"]


def test_a_referral_says_why_its_reader_may_not_change_it(
    store: Store, me: WorkerInfo, case: CaseDetail, sent: ReferralDetail
) -> None:
    assert store.referrals.get(me, sent.id).read_only == ""
    auditor = store.workers.ensure("aud.auditor", role="auditor", team="North")
    why = store.referrals.get(auditor, sent.id).read_only
    assert why and why == store.case_file.view(auditor, case.id).read_only
    with store.database.writing():
        Case.update(status="closed").where(Case.id == case.id).execute()
    assert "closed" in store.referrals.get(me, sent.id).read_only
