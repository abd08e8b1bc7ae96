"""The demo on either backend: it writes many rows with their ids, and a worker adding records
afterwards (each given the next id by the database) must not meet an id already in use."""

from __future__ import annotations

import pytest

from store.demo import generator as demo
from store.service import Store
from tests.store.test_consent import CONSENT
from tests.store.test_permissions import REFERRAL, TASK

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

NOTE = {"contact_at": "today 9:30", "note_type": "home visit", "body": "Seen at home."}


def test_records_added_after_the_demo_get_new_ids_and_the_chain_verifies(store: Store) -> None:
    demo.generate(store, me="sam.okafor", cases=12, notes_per_case=3, workers=3, seed=3)
    me = store.workers.ensure("sam.okafor")
    case = store.cases.create(me, {"client_name": "Noor Haddad", "allocated_on": "1/11/2026"})
    note = store.notes.finalise(me, case.id, NOTE)
    consent = store.consent.add(me, case.id, CONSENT)
    store.consent.share(
        me, case.id, recipient="Court", what="Chronology", consent_id=consent.id,
        lawful_reason="", source="export",
    )  # fmt: skip
    referral = store.referrals.create(me, case.id, {**REFERRAL, "referred_on": "20/11/2026"})
    task = store.reminders.add_task(me, case.id, TASK)
    assert [n.id for n in store.notes.for_case(me, case.id)] == [note.id]
    assert store.consent.get(me, consent.id).recipient == CONSENT["recipient"]
    shared = store.consent.sharing_log(me, case.id)  # the export's, and the referral's
    assert sorted(s.recipient for s in shared) == ["Court", REFERRAL["agency"]]
    assert store.referrals.get(me, referral.id).reason == REFERRAL["reason"]
    assert task.title == TASK["title"]
    assert store.is_demo()
    assert store.integrity.verify().problems == ()
