"""The demo's consents and sharing log: most open cases have a consent, some expiring, one
expired, one withdrawn, all as the store would have written them; a few lines of the sharing
log, one without consent; and the same seed gives the same rows."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from store.consent.records import ConsentStatus
from store.service import Store
from tests.store.test_demo import ME, _generate, _rows


def test_the_demo_has_consents_of_every_status_and_a_sharing_log(tmp_path: Path) -> None:
    path = tmp_path / "demo.db"
    _generate(path)
    store = Store.open(path)
    try:
        me = store.workers.named(ME)
        rows = store.cases.caseload(me, scope="all")
        statuses: Counter[ConsentStatus] = Counter()
        with_consent = 0
        for row in rows:
            consents = store.consent.for_case(me, row.id)
            with_consent += bool(consents)
            statuses.update(c.status for c in consents)
            due = [c.expires_on for c in consents if c.withdrawn_on is None and c.expires_on]
            assert store.cases.get(me, row.id).consent_due_on == (min(due) if due else None)
            flagged = any(c.status in ("expiring", "expired") for c in consents)
            assert ("consent" in row.flags) is flagged, row.ref
        open_cases = [r for r in rows if r.status == "open"]
        assert with_consent >= len(open_cases) * 0.7
        assert statuses[ConsentStatus.EXPIRED] == 1
        assert statuses[ConsentStatus.WITHDRAWN] == 1
        assert statuses[ConsentStatus.EXPIRING] >= 2
        # The demo worker's own caseload shows the flag.
        assert any("consent" in r.flags for r in store.cases.caseload(me))
    finally:
        store.close()
    log = _rows(path, "SELECT consent_id, lawful_reason FROM sharing_event ORDER BY id")
    assert len(log) >= 3
    assert [reason for consent, reason in log if consent is None] == [
        "Safeguarding: strategy discussion about risk of harm"
    ]


def test_the_same_seed_gives_the_same_consents(tmp_path: Path) -> None:
    first, second = tmp_path / "a.db", tmp_path / "b.db"
    _generate(first)
    _generate(second)
    query = "SELECT * FROM consent ORDER BY id"
    assert _rows(first, query) == _rows(second, query)
    query = "SELECT * FROM sharing_event ORDER BY id"
    assert _rows(first, query) == _rows(second, query)
