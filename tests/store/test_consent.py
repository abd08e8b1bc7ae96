"""Consent to share and the information-sharing log: status as of a day at its boundary
dates, withdrawal, edits with a version check and their history, the sharing log kept as
written, ``record_sharing``'s rules, and the caseload's "consent" flag."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import Any

import pytest

from store.cases.records import CaseDetail
from store.common.errors import Conflict, InvalidInput
from store.common.records import WorkerInfo
from store.consent.records import ConsentStatus
from store.consent.service import SharingRefused, record_sharing
from store.core.models import AuditEvent
from store.service import Store
from tests.postgres_cluster import Outside

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

TODAY = date(2026, 11, 23)  # the frozen clock's day (tests/conftest.py)
CONSENT = {
    "share_what": "Housing history and current needs",
    "recipient": "Northside Housing Trust",
    "purpose": "Housing application",
    "given_by": "client",
    "how": "written",
    "given_on": "1/11/2026",
    "expires_on": "1/5/2027",
}


def add(store: Store, me: WorkerInfo, case_id: int, **changes: Any) -> Any:
    return store.consent.add(me, case_id, {**CONSENT, **changes})


def flags(store: Store, me: WorkerInfo, case_id: int) -> tuple[str, ...]:
    [row] = [r for r in store.cases.caseload(me) if r.id == case_id]
    return row.flags


# --- status as of a day ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("expires_on", "status", "flagged"),
    [
        ("23/11/2026", ConsentStatus.EXPIRING, True),  # expires today: still in force
        ("23/12/2026", ConsentStatus.EXPIRING, True),  # in 30 days
        ("24/12/2026", ConsentStatus.CURRENT, False),  # in 31 days
        ("22/11/2026", ConsentStatus.EXPIRED, True),  # yesterday
    ],
)
def test_status_and_flag_at_the_boundary_dates(
    store: Store,
    me: WorkerInfo,
    make_case: Callable[..., CaseDetail],
    expires_on: str,
    status: ConsentStatus,
    flagged: bool,
) -> None:
    case = make_case(allocated_on="20/11/2026")
    consent = add(store, me, case.id, expires_on=expires_on)
    assert consent.status == status
    assert store.consent.get(me, consent.id).status == status
    in_force = status in (ConsentStatus.CURRENT, ConsentStatus.EXPIRING)
    assert [c.id for c in store.consent.current(me, case.id)] == ([consent.id] if in_force else [])
    assert ("consent" in flags(store, me, case.id)) is flagged
    assert store.cases.get(me, case.id).consent_due_on == consent.expires_on


def test_the_expiring_window_is_configurable(tmp_path: Path) -> None:
    store = Store.open(tmp_path / "t.db", consent_expiring_days=7)
    try:
        me = store.workers.ensure("sam.okafor", role="manager", team="North")
        case = store.cases.create(me, {"client_name": "Dana Reyes", "allocated_on": "20/11/2026"})
        week = add(store, me, case.id, expires_on="30/11/2026")
        assert week.status == ConsentStatus.EXPIRING
        assert "consent" in flags(store, me, case.id)
        store.consent.update(me, week.id, {"expires_on": "1/12/2026"}, version=1)
        assert store.consent.get(me, week.id).status == ConsentStatus.CURRENT
        assert "consent" not in flags(store, me, case.id)
    finally:
        store.close()


def test_status_on_another_day(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case()
    consent = add(store, me, case.id, given_on="1/12/2026", expires_on="1/6/2027")
    assert consent.status == ConsentStatus.NOT_YET
    assert store.consent.current(me, case.id) == []
    [later] = store.consent.current(me, case.id, on=date(2027, 1, 1))
    assert later.status == ConsentStatus.CURRENT
    assert store.consent.current(me, case.id, on=date(2027, 6, 2)) == []


def test_a_consent_without_an_expiry_date_stays_current_and_unflagged(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case(allocated_on="1/11/2026")
    consent = add(store, me, case.id, expires_on="")
    assert consent.status == ConsentStatus.CURRENT
    assert "consent" not in flags(store, me, case.id)


# --- the form -------------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("changes", "field", "message"),
    [
        ({"share_what": "  "}, "share_what", "What may be shared is required"),
        ({"recipient": ""}, "recipient", "With whom is required"),
        ({"recipient": "x" * 201}, "recipient", "too long"),
        ({"purpose": "x" * 501}, "purpose", "too long"),
        ({"given_on": ""}, "given_on", "is required"),
        ({"given_on": "31/2/2026"}, "given_on", ""),
        ({"given_by": "neighbour"}, "given_by", "client, parent, guardian, attorney"),
        ({"how": "telepathy"}, "how", "written, verbal, recorded"),
        ({"expires_on": "31/10/2026"}, "expires_on", "before the day consent was given"),
    ],
)
def test_bad_input_is_refused_field_by_field(
    store: Store,
    me: WorkerInfo,
    make_case: Callable[..., CaseDetail],
    changes: dict[str, str],
    field: str,
    message: str,
) -> None:
    case = make_case()
    with pytest.raises(InvalidInput) as refused:
        add(store, me, case.id, **changes)
    assert field in refused.value.errors
    assert message in refused.value.errors[field]
    assert store.consent.for_case(me, case.id) == []


def test_control_characters_are_stripped(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case()
    consent = add(store, me, case.id, recipient="Northside\x1b[31m Housing\x07")
    assert "\x1b" not in consent.recipient and "\x07" not in consent.recipient
    assert consent.recipient.startswith("Northside")


def test_a_linked_professional_must_be_the_cases(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case, other = make_case(), make_case()
    theirs = store.case_file.add_professional(me, other.id, {"name": "Dr Patel"})
    with pytest.raises(InvalidInput, match="this case's professionals"):
        add(store, me, case.id, professional_id=theirs.id)
    ours = store.case_file.add_professional(me, case.id, {"name": "Dr Okoro", "agency": "GP"})
    consent = add(store, me, case.id, recipient="GP surgery", professional_id=ours.id)
    assert consent.professional_name == "Dr Okoro"
    assert [c.id for c in store.consent.covering(me, case.id, "dr okoro")] == [consent.id]


# --- editing, withdrawing, history ----------------------------------------------------------------


def test_an_edit_from_an_old_version_is_refused_with_the_other_version(
    store: Store, me: WorkerInfo, other: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case()
    consent = add(store, me, case.id)
    store.consent.update(other, consent.id, {"purpose": "Rehousing"}, version=consent.version)
    with pytest.raises(Conflict) as refused:
        store.consent.update(me, consent.id, {"purpose": "Benefits"}, version=consent.version)
    assert "Priya Nair changed this consent" in str(refused.value)
    assert refused.value.current["purpose"] == "Rehousing"
    assert refused.value.version == 2
    saved = store.consent.update(me, consent.id, {"purpose": "Benefits"}, version=2)
    assert (saved.purpose, saved.version) == ("Benefits", 3)
    history = store.consent.history(me, consent.id)
    assert [(h.field, h.old, h.new, h.changed_by) for h in history] == [
        ("purpose", "Rehousing", "Benefits", "Sam Okafor"),
        ("purpose", "Housing application", "Rehousing", "Priya Nair"),
    ]


def test_withdrawing_needs_a_day_and_a_reason_and_ends_the_consent(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case(allocated_on="1/11/2026")
    consent = add(store, me, case.id, expires_on="1/12/2026")
    assert "consent" in flags(store, me, case.id)
    for data, field in (
        ({"withdrawn_on": "", "reason": "Changed her mind"}, "withdrawn_on"),
        ({"withdrawn_on": "today", "reason": " "}, "reason"),
        ({"withdrawn_on": "tomorrow", "reason": "Changed her mind"}, "withdrawn_on"),
        ({"withdrawn_on": "31/10/2026", "reason": "Changed her mind"}, "withdrawn_on"),
    ):
        with pytest.raises(InvalidInput) as refused:
            store.consent.withdraw(me, consent.id, data, version=1)
        assert field in refused.value.errors
    done = store.consent.withdraw(
        me, consent.id, {"withdrawn_on": "today", "reason": "Changed her mind"}, version=1
    )
    assert (done.status, done.withdrawn_on, done.withdrawn_reason) == (
        ConsentStatus.WITHDRAWN,
        TODAY,
        "Changed her mind",
    )
    assert store.consent.current(me, case.id) == []
    assert "consent" not in flags(store, me, case.id)
    assert store.cases.get(me, case.id).consent_due_on is None
    with pytest.raises(InvalidInput, match="withdrawn and can't be changed"):
        store.consent.update(me, consent.id, {"purpose": "Other"}, version=2)
    assert {h.field for h in store.consent.history(me, consent.id)} == {
        "withdrawn_on",
        "withdrawn_reason",
    }


def test_each_change_is_audited(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case()
    consent = add(store, me, case.id)
    store.consent.update(me, consent.id, {"how": "verbal"}, version=1)
    store.consent.withdraw(me, consent.id, {"withdrawn_on": "today", "reason": "Asked"}, version=2)
    store.consent.share(
        me, case.id, recipient="Court", what="Chronology", consent_id=None,
        lawful_reason="Court order", source="export",
    )  # fmt: skip
    with store.database.reading():
        actions = [
            (e.action, e.record_kind)
            for e in AuditEvent.select().where(AuditEvent.case == case.id).order_by(AuditEvent.id)
            if e.action.startswith(("consent", "information"))
        ]
    assert actions == [
        ("consent-added", "consent"),
        ("consent-updated", "consent"),
        ("consent-withdrawn", "consent"),
        ("information-shared", "sharing_event"),
    ]


def test_a_closed_case_takes_no_new_consent(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case(allocated_on="1/11/2026")
    add(store, me, case.id, expires_on="1/12/2026")
    store.cases.close(
        me,
        case.id,
        {"reason": "work completed", "open_items_reason": "Client moved away suddenly"},
        version=store.cases.get(me, case.id).version,
    )
    with pytest.raises(InvalidInput, match="closed"):
        add(store, me, case.id)
    [row] = store.cases.caseload(me, closed=True)
    assert row.flags == ()


# --- the sharing log ------------------------------------------------------------------------------


def share(store: Store, me: WorkerInfo, case_id: int, **kw: Any) -> int:
    args: dict[str, Any] = {
        "recipient": "Northside Housing Trust",
        "what": "Handover pack",
        "consent_id": None,
        "lawful_reason": "",
        "source": "export",
        "source_id": None,
        **kw,
    }
    with store.database.writing():
        return record_sharing(me, case_id, **args)


def test_record_sharing_needs_exactly_one_of_consent_and_reason(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case, other = make_case(), make_case()
    consent = add(store, me, case.id)
    theirs = add(store, me, other.id)
    with pytest.raises(SharingRefused, match="no consent to share with Northside"):
        share(store, me, case.id)
    with pytest.raises(SharingRefused, match="not both"):
        share(store, me, case.id, consent_id=consent.id, lawful_reason="Safeguarding")
    with pytest.raises(SharingRefused, match="not one of this case's"):
        share(store, me, case.id, consent_id=theirs.id)
    with pytest.raises(InvalidInput, match="source"):
        share(store, me, case.id, lawful_reason="Safeguarding", source="gossip")
    with pytest.raises(InvalidInput, match="With whom is required"):
        share(store, me, case.id, lawful_reason="Safeguarding", recipient=" ")
    with pytest.raises(RuntimeError, match="inside a write transaction"):
        record_sharing(
            me, case.id, recipient="A", what="B", consent_id=consent.id,
            lawful_reason="", source="export", source_id=None,
        )  # fmt: skip
    assert store.consent.sharing_log(me, case.id) == []

    first = share(store, me, case.id, consent_id=consent.id, source="referral", source_id=7)
    second = share(store, me, case.id, lawful_reason="Court order", recipient="Family court")
    log = store.consent.sharing_log(me, case.id)
    assert [(e.id, e.recipient, e.under, e.source, e.worker_name) for e in log] == [
        (second, "Family court", "without consent: Court order", "export", "Sam Okafor"),
        (first, "Northside Housing Trust", f"consent {consent.id}", "referral", "Sam Okafor"),
    ]
    assert log[1].source_id == 7


def test_a_consent_not_in_force_is_refused(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case()
    expired = add(store, me, case.id, expires_on="22/11/2026")
    with pytest.raises(SharingRefused, match="not in force today \\(expired\\)"):
        share(store, me, case.id, consent_id=expired.id)
    withdrawn = add(store, me, case.id)
    store.consent.withdraw(me, withdrawn.id, {"withdrawn_on": "today", "reason": "No"}, version=1)
    with pytest.raises(SharingRefused, match="withdrawn"):
        share(store, me, case.id, consent_id=withdrawn.id)


def test_the_sharing_log_is_append_only(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case()
    event = share(store, me, case.id, lawful_reason="Safeguarding")
    conn = Outside.of(store)
    try:
        with pytest.raises(conn.refused, match="information-sharing log is kept"):
            conn.execute("UPDATE sharing_event SET recipient = 'Someone' WHERE id = ?", (event,))
        with pytest.raises(conn.refused, match="information-sharing log is kept"):
            conn.execute("DELETE FROM sharing_event WHERE id = ?", (event,))
    finally:
        conn.close()
    [kept] = store.consent.sharing_log(me, case.id)
    assert kept.recipient == "Northside Housing Trust"


def test_changes_show_in_the_case_history(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case()
    gp = store.case_file.add_professional(me, case.id, {"name": "Dr Okoro"})
    consent = add(store, me, case.id)
    store.consent.update(
        me, consent.id, {"professional_id": gp.id, "expires_on": "1/6/2027"}, version=1
    )
    store.consent.withdraw(me, consent.id, {"withdrawn_on": "today", "reason": "Asked"}, version=2)
    lines = [
        (h.record, h.field, h.was, h.now)
        for h in store.case_file.case_history_lines(me, case.id)
        if h.record.startswith("Consent")
    ]
    assert sorted(lines) == sorted(
        [
            ("Consent: Northside Housing Trust", "professional", "", "Dr Okoro"),
            ("Consent: Northside Housing Trust", "review or expiry", "01 May 2027", "01 Jun 2027"),
            ("Consent: Northside Housing Trust", "withdrawn on", "", "23 Nov 2026"),
            ("Consent: Northside Housing Trust", "why withdrawn", "", "Asked"),
        ]
    )
    assert [c.field for c in store.case_file.history(me, "consent", consent.id)][-1] in (
        "professional_id",
        "expires_on",
    )
