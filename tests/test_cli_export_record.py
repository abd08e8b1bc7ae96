"""``caseline export case REF --pack record --format json``: the whole record for another
program: every note with its amendments, the plans with their reviews, the minutes, the
assessments, referrals and consents; the store's fields, not the screens'; audited."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from store.service import Store
from tests.cli import Ran, caseline
from tests.conftest import Build
from tests.store.test_integrity import build_records
from tests.test_cli_admin import assert_fails


@pytest.fixture
def path(tmp_path: Path, prebuilt: Callable[[Path, Build], Path]) -> Path:
    return prebuilt(tmp_path / "records.db", build_records)


def token(path: Path, login: str = "sam.okafor") -> str:
    """A token for ``login`` (sam.okafor's records; meg.manager manages), made by the
    administrator."""
    store = Store.open(path)
    try:
        admin = store.workers.sign_in("ada.admin", "a long passphrase")
        return store.tokens.create(admin, login).token
    finally:
        store.close()


def export(tmp_path: Path, path: Path, *args: str, login: str = "sam.okafor") -> Ran:
    return caseline(
        tmp_path,
        "export",
        "case",
        ref(path),
        "--db",
        str(path),
        *args,
        env={"CASELINE_TOKEN": token(path, login)},
    )


def ref(path: Path) -> str:
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    try:
        return str(conn.execute('SELECT ref FROM "case" LIMIT 1').fetchone()[0])
    finally:
        conn.close()


def test_the_whole_record_as_json_for_another_program(tmp_path: Path, path: Path) -> None:
    result = export(tmp_path, path, "--pack", "record", "--format", "json")
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    assert (record["format"], record["format_version"]) == ("caseline-case-record", 1)
    assert record["case"]["ref"] == ref(path) and record["client"]["name"] == "Dana Reyes"
    assert record["summary"]["body"] == "## Background\nMoved in January."
    (amended, _second) = record["notes"]  # every finalised note, oldest first
    assert amended["chronology_title"] == "Eviction notice"
    assert [a["reason"] for a in amended["amendments"]] == ["Wrong day"]
    (plan,) = record["plans"]
    assert plan["reviews"] and plan["goals"]
    (meeting,) = record["meetings"]
    assert meeting["place"] == "Hillside Family Centre" and meeting["amendments"]
    (assessment,) = record["assessments"]  # the final one; the draft after it is not a record
    assert assessment["summary"] == "Settled."
    assert record["referrals_out"] and record["sharing_log"] and record["consents"] == []
    assert record["case"]["allocated_on"] == "2026-06-01"
    assert record["notes"][0]["contact_at"].endswith("Z")
    text = result.stdout
    assert '"search_key"' not in text and '"version"' not in text  # the screens' own fields
    written = tmp_path / "dana.json"
    to_file = export(tmp_path, path, "--pack", "record", "--format", "json", "-o", str(written))
    assert to_file.returncode == 0 and json.loads(written.read_text())["client"] == record["client"]
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    exported = conn.execute(
        "SELECT detail FROM audit_event WHERE action = 'record-exported' ORDER BY id"
    ).fetchall()
    conn.close()
    assert exported == [("stdout",), (str(written.resolve()),)]
    assert_fails(export(tmp_path, path, "--pack", "handover", "--format", "json"), "--pack record")
    assert_fails(
        export(tmp_path, path, "--pack", "record", "--format", "json", "--for", "Police"), "--for"
    )


def test_a_subject_access_request_gathers_everything_held_with_who_read_it(
    tmp_path: Path, path: Path
) -> None:
    asked = ("--subject-access", "--format", "json")
    # Only those who may read the audit trail answer one: its reading is part of the answer.
    assert_fails(export(tmp_path, path, *asked), "audit trail")
    result = export(tmp_path, path, *asked, login="meg.manager")
    assert result.returncode == 0, result.stderr
    answer = json.loads(result.stdout)
    assert (answer["format"], answer["subject"]) == ("caseline-subject-access", "Dana Reyes")
    (case,) = answer["cases"]
    assert case["case"]["ref"] == ref(path) and len(case["notes"]) == 2
    actions = [event["action"] for event in answer["access_to_the_records"]]
    assert actions[0] == "case-created" and "note-finalised" in actions
    # The GP is named as a professional of the case and as at its meeting; "Client" present at
    # a contact is the client, and the worker at the meeting is staff: neither is listed.
    assert answer["for_redaction_review"] == [
        {"name": "Dr Amir Khan", "as_who": "professional", "where": f"case {ref(path)}"},
        {"name": "Dr Amir Khan", "as_who": "at a meeting", "where": "meeting 1"},
    ]
    conn = sqlite3.connect(f"file:{path}?mode=ro", uri=True)
    done = conn.execute(
        "SELECT login FROM audit_event WHERE action = 'subject-access-exported'"
    ).fetchall()
    conn.close()
    assert done == [("meg.manager",)]
    assert_fails(export(tmp_path, path, "--subject-access", "--pack", "record"), "one of them")
    assert_fails(export(tmp_path, path), "one of them")
