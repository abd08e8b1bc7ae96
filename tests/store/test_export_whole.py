"""A case's whole record and a subject access answer as documents (``store.export.whole``,
``whole_html``), from a real database with a record of every kind: the same sections in both
formats, with the anchors the contents link to; each note's facts and amendments with it; the
consents as they stand; the people other than the client named, for redaction review."""

from __future__ import annotations

import re
import sqlite3
from collections.abc import Callable, Iterator
from datetime import datetime
from pathlib import Path

import pytest

from store.export.record import SubjectAccess, WholeRecord
from store.export.whole import Section, anchors, record_markdown, subject_access_markdown
from store.export.whole_html import record_html, subject_access_html
from store.service import Store
from tests.conftest import Build
from tests.store.test_integrity import NOTE, build_records

SCALE = ("no need", "low need", "some need", "high need")
EXPORTED_AT = datetime(2026, 11, 23, 10, 0)

# Markup of every kind a reader's program might act on: HTML, a script link, Markdown, Rich
# markup, an image fetched from elsewhere, a terminal escape and a bell.
HOSTILE = (
    "<script>alert(1)</script> [click](javascript:alert(1)) <img src=x onerror=alert(2)> "
    "**bold** [b]rich[/b] ![pixel](http://evil.example/p.png) \x1b[31mred\x1b[0m \x07bell"
)
HOSTILE_NAME = "Eve <b onmouseover=alert(3)>[x](javascript:alert(4))</b>"
# For the fields kept short (a title, a role).
SHORT = "<script>alert(5)</script>[y](javascript:alert(6))\x1b[31m*b*"


def build_whole(path: Path) -> None:
    """``build_records``'s case (a record of every kind), plus what it lacks (the support
    network, a consent, a referral in), hostile text in each, a draft note, and a second case
    of the same client."""
    build_records(path)
    store = Store.open(path)
    try:
        me = store.workers.named("sam.okafor")
        case = store.cases.by_ref(me, "CL-2026-0001")
        store.case_file.add_contact(
            me,
            case.client_id,
            {"name": HOSTILE_NAME, "relationship": "aunt", "notes": HOSTILE},
        )
        store.case_file.add_professional(me, case.id, {"name": "Nurse Lee", "role": SHORT})
        note = store.notes.finalise(
            me, case.id, {**NOTE, "present": f"Client; {HOSTILE_NAME}", "body": HOSTILE}
        )
        store.notes.amend(me, note.id, reason=HOSTILE, body=f"Amended: rang nurse lee. {HOSTILE}")
        store.notes.save_draft(me, case.id, {**NOTE, "body": "DRAFT ONLY, not a record"})
        store.chronology.add(
            me,
            case.id,
            {"occurred_on": "3/6/2026", "title": SHORT, "category": "other", "details": HOSTILE},
        )
        consent = store.consent.add(
            me,
            case.id,
            {
                "share_what": SHORT,
                "recipient": "Hillside School",
                "purpose": "Attendance",
                "given_on": "1/7/2026",
            },
        )
        store.consent.withdraw(
            me,
            consent.id,
            {"withdrawn_on": "1/11/2026", "reason": "Changed school"},
            version=consent.version,
        )
        store.referrals.add_incoming(
            me,
            case.id,
            {
                "source": "GP or health",
                "referrer": "Dr Grace Hopper",
                "reason": HOSTILE,
                "received_on": "20/5/2026",
            },
        )
        second = store.cases.create(me, {"client_name": "Dana Reyes", "ref": "CL-2026-0002"})
    finally:
        store.close()
    # No store call opens a second case for a client already known (a case is reopened
    # instead); this one's client is made the first's, as a case opened years ago would be.
    conn = sqlite3.connect(path)
    with conn:
        conn.execute('UPDATE "case" SET client_id = ? WHERE id = ?', (case.client_id, second.id))
    conn.close()


@pytest.fixture
def store(tmp_path: Path, prebuilt: Callable[[Path, Build], Path]) -> Iterator[Store]:
    opened = Store.open(prebuilt(tmp_path / "whole.db", build_whole))
    yield opened
    opened.close()


def whole(store: Store) -> WholeRecord:
    me = store.workers.named("sam.okafor")
    return store.record.whole(me, store.cases.by_ref(me, "CL-2026-0001").id)


def test_anchors_are_made_as_renderers_make_them_a_repeat_numbered() -> None:
    titles = ["Notes", "Notes", "CL-2026-0001: Case and client", "Who read, changed…?"]
    assert anchors([Section(t, "") for t in titles]) == [
        "notes",
        "notes-1",
        "cl-2026-0001-case-and-client",
        "who-read-changed",
    ]


def test_both_formats_have_the_same_sections_each_where_the_contents_say(store: Store) -> None:
    record = whole(store)
    markdown = record_markdown(record, SCALE, exported_by="Sam", exported_at=EXPORTED_AT)
    page = record_html(record, SCALE, exported_by="Sam", exported_at=EXPORTED_AT)
    headings = re.findall(r"^## (.+)$", markdown, flags=re.MULTILINE)
    assert headings[0] == "Contents"
    links = re.findall(r"^- \[(.+)\]\(#(.+)\)$", markdown, flags=re.MULTILINE)
    assert [title for title, _ in links] == headings[1:]
    ids = re.findall(r'<section id="([^"]+)">\n<h2>([^<]+)</h2>', page)
    assert [(anchor, title) for title, anchor in links] == ids
    assert page.count('<a href="#') == len(ids)


def test_each_note_with_its_facts_and_amendments_the_consents_as_they_stand(store: Store) -> None:
    record = whole(store)
    text = record_markdown(record, SCALE, exported_by="Sam", exported_at=EXPORTED_AT)
    notes = text[text.index("\n## Notes\n") : text.index("\n## Service plans\n")]
    first = notes[: notes.index("\n### ", 12)]
    assert first.index("**In the chronology as:** Eviction notice") < first.index("Visited")
    assert first.index("Visited") < first.index("**Amended by Sam Okafor") < first.index("Thursday")
    assert notes.count("\n### ") == 3  # the finalised notes; the draft is not a record
    consents = text[text.index("\n## Consents\n") :]
    assert (
        "status withdrawn" in consents and "withdrawn on 01 Nov 2026 (Changed school)" in consents
    )


def test_the_people_to_review_for_redaction_and_where_they_are_named(store: Store) -> None:
    me = store.workers.named("meg.manager")
    answer = store.record.subject_access(me, store.cases.by_ref(me, "CL-2026-0001").id)
    assert [r.file.detail.ref for r in answer.records] == ["CL-2026-0001", "CL-2026-0002"]
    named = {(n.name, n.as_who.split(":")[0], n.where) for n in answer.others}
    assert named == {
        # The network is the client's: named in each of their cases.
        (HOSTILE_NAME, "support network", "case CL-2026-0001"),
        (HOSTILE_NAME, "support network", "case CL-2026-0002"),
        (HOSTILE_NAME, "present at a contact", f"note {record_note(answer, HOSTILE_NAME)}"),
        ("Dr Amir Khan", "professional", "case CL-2026-0001"),
        ("Dr Amir Khan", "at a meeting", "meeting 1"),
        ("Nurse Lee", "professional", "case CL-2026-0001"),
        # Named in an amendment of a note: a place to look when redacting.
        ("Nurse Lee", "named in what was written", f"note {record_note(answer, HOSTILE_NAME)}"),
        (
            "Dr Grace Hopper",
            "referred the client (GP or health)",
            "referral in 1",
        ),
    }
    text = subject_access_markdown(answer, SCALE, exported_by="Meg", exported_at=EXPORTED_AT)
    review = text[text.index("\n## For redaction review\n") : text.index("\n## Case CL-2026-0001")]
    # One row a person in a part, with every place; each place is a heading of the document.
    people = {(n.name, n.as_who) for n in answer.others}
    assert review.count("\n| ") == len(people) + 2 == len(answer.others) + 1  # header, rule
    assert "| support network: aunt | case CL-2026-0001, case CL-2026-0002 |" in review
    note = record_note(answer, HOSTILE_NAME)
    assert f"\n#### Note {note}: " in text and "\n#### Meeting 1: " in text
    assert "**Referral in 1, 20 May 2026**" in text
    page = subject_access_html(answer, SCALE, exported_by="Meg", exported_at=EXPORTED_AT)
    # The contents nest each case's sections under it, every list closed.
    assert page.count("<ol>") == page.count("</ol>") == 3
    assert page.count("<li>") == page.count("</li>")


def record_note(answer: SubjectAccess, present: str) -> int:
    """The note at which ``present`` was present."""
    (note,) = [n for r in answer.records for n in r.notes if present in n.present]
    return note.id
