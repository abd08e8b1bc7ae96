"""The handover pack: a case's summary, plan with reviews, open actions, chronology,
professionals, support network and recent notes in one document, and nothing of the audit."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from pathlib import Path

import pytest
from markdown_it import MarkdownIt

from store.cases.records import CaseDetail
from store.common.records import WorkerInfo
from store.export.files import export_handover
from store.export.handover import handover_markdown
from store.export.html import handover_html
from store.service import Store
from tests.store.test_demo import Prebuilt, _generate

# On SQLite and on PostgreSQL (tests/conftest.py).
pytestmark = pytest.mark.backends

EXPORTED_AT = datetime(2026, 11, 23, 10, 0)


def filled(store: Store, me: WorkerInfo, case: CaseDetail) -> None:
    store.case_file.save_summary(me, case.id, "Aisha is **settled** at Elm Road.", base=None)
    store.case_file.add_contact(
        me, case.client_id, {"name": "Grace Bello", "relationship": "sister", "phone": "0113 496"}
    )
    store.case_file.add_professional(
        me, case.id, {"name": "Dr Amir Khan", "agency": "Hillside GP", "role": "GP"}
    )
    store.case_file.add_professional(
        me,
        case.id,
        {"name": "Jo Past", "agency": "Housing", "ended_on": "2026-10-01"},
    )
    for day in range(1, 13):
        store.notes.finalise(
            me,
            case.id,
            {
                "contact_at": f"{day}/11/2026 09:00",
                "note_type": "home visit",
                "body": f"Visit number {day}.",
            },  # type: ignore[dict-item]
        )


def test_the_pack_holds_what_a_newcomer_needs(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case(client_name="Aisha Bello")
    filled(store, me, case)
    newest = store.notes.for_case(me, case.id)[0]
    store.notes.amend(me, newest.id, reason="wrong flat", body="It was flat 2.")
    pack = store.handover.pack(me, case.id)
    assert [n.body for n in pack.recent_notes] == [f"Visit number {d}." for d in range(12, 2, -1)]
    assert pack.file.plan is None and pack.open_actions == ()
    text = handover_markdown(pack, exported_by="Sam Okafor", exported_at=EXPORTED_AT)
    assert text.startswith(f"# Handover: {case.ref}, Aisha Bello\n")
    sections = [line for line in text.splitlines() if line.startswith("## ")]
    assert sections == [
        "## Summary",
        "## The plan",
        "## Actions agreed in meetings, still open",
        "## Professionals",
        "## Support network",
        "## Chronology",
        "## Information shared",
        "## The 10 most recent notes",
    ]
    assert "Nothing shared with another agency." in text
    assert "> Aisha is **settled** at Elm Road." in text
    assert "No service plan." in text
    # The GP involved now comes before the one who was.
    assert text.index("Dr Amir Khan") < text.index("Jo Past") and "involved until" in text
    assert "- **Grace Bello** (sister) · 0113 496" in text
    assert "> Visit number 12." in text and "Visit number 2." not in text
    assert "wrong flat" in text and "> It was flat 2." in text
    assert "audit" not in text.lower()


def test_a_case_with_a_plan_and_meetings_carries_them(tmp_path: Path, prebuilt: Prebuilt) -> None:
    store = Store.open(prebuilt(tmp_path / "demo.db", _generate))
    try:
        me = store.workers.named("sam.okafor")
        chosen = None
        for row in store.cases.caseload(me, scope="all"):
            actions = store.conferences.case_actions(me, row.id)
            if row.has_plan and any(a.is_open for a in actions):
                chosen = row
                break
        assert chosen is not None, "the demo has a case with a plan and open meeting actions"
        pack = store.handover.pack(me, chosen.id)
        plan = store.plans.current(me, chosen.id)
        assert pack.file.plan == plan and plan is not None
        assert pack.open_actions == tuple(a for a in actions if a.is_open)
        text = handover_markdown(pack, exported_by="Sam Okafor", exported_at=EXPORTED_AT)
        assert "## The plan" in text and "No service plan." not in text
        for action in pack.open_actions:
            assert f"due {action.due_on:%d %b %Y}" in text
        page = handover_html(pack, exported_by="Sam Okafor", exported_at=EXPORTED_AT)
        assert page.startswith("<!doctype html>") and "<script" not in page
        assert "<table>" in page  # the chronology
        written = export_handover(
            tmp_path / "handover.html", pack, exported_by="Sam Okafor", exported_at=EXPORTED_AT
        )
        assert written.read_text() == page
    finally:
        store.close()


def test_text_typed_in_the_records_stays_text(
    store: Store, me: WorkerInfo, make_case: Callable[..., CaseDetail]
) -> None:
    case = make_case(client_name="<script>alert(1)</script> [x](http://evil)")
    store.case_file.add_contact(
        me, case.client_id, {"name": "# Not a heading", "notes": "<img src=x onerror=alert(1)>"}
    )
    text = handover_markdown(
        store.handover.pack(me, case.id), exported_by="Sam", exported_at=EXPORTED_AT
    )
    rendered = MarkdownIt("commonmark").render(text)
    assert "<script" not in rendered and "<img" not in rendered
    assert "<h2>Not a heading" not in rendered and "<h1># Not" not in rendered
