"""``caseline export case REF --pack handover --for AGENCY``: refused with one line unless
shared under a consent in force or a lawful reason, and then recorded in the case's
information-sharing log, which the pack itself carries."""

from __future__ import annotations

import sqlite3
from pathlib import Path
from typing import Any

import pytest

from store.cases.records import CaseDetail
from store.service import Store
from tests.test_cli import assert_one_line_error
from tests.test_cli_export import db, run

__all__ = ["db"]  # the fixture, used by name

AGENCY = "Northside Housing Trust"


def handover(tmp_path: Path, db: tuple[Path, CaseDetail], *args: str) -> Any:
    path, case = db
    return run(tmp_path, "export", "case", case.ref, "--pack", "handover", "--db", str(path), *args)


def sharing_log(path: Path) -> list[tuple[Any, ...]]:
    conn = sqlite3.connect(path)
    try:
        return conn.execute(
            "SELECT recipient, what, consent_id, lawful_reason, source FROM sharing_event"
        ).fetchall()
    finally:
        conn.close()


def add_consent(path: Path, case_id: int, **changes: str) -> int:
    store = Store.open(path)
    try:
        me = store.workers.named("sam.okafor")
        data = {
            "share_what": "Housing needs",
            "recipient": AGENCY,
            "given_on": "1/11/2026",
            "expires_on": "1/11/2027",
            **changes,
        }
        return store.consent.add(me, case_id, data).id
    finally:
        store.close()


def test_for_an_agency_without_consent_or_reason_is_refused(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    out = tmp_path / "pack.md"
    result = handover(tmp_path, db, "--for", AGENCY, "-o", str(out))
    assert_one_line_error(result, f"No consent in force covers sharing with {AGENCY}")
    assert "--lawful-reason" in result.stderr
    assert not out.exists()
    assert sharing_log(db[0]) == []


def test_a_consent_covering_the_agency_is_named_but_must_be_given(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    consent = add_consent(db[0], db[1].id)
    result = handover(tmp_path, db, "--for", "northside housing")
    assert_one_line_error(result, f"--consent ID (in force for them: {consent})")
    assert sharing_log(db[0]) == []


def test_shared_under_a_consent_is_logged_and_the_pack_says_so(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    consent = add_consent(db[0], db[1].id)
    result = handover(tmp_path, db, "--for", AGENCY, "--consent", str(consent))
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert f"- **Prepared for:** {AGENCY}" in lines
    assert f"- **Shared under:** consent {consent} ({AGENCY})" in lines
    assert "## Information shared" in lines
    assert sharing_log(db[0]) == [(AGENCY, "Handover pack", consent, "", "export")]
    # The next pack carries the log, this sharing in it.
    again = handover(tmp_path, db, "--for", AGENCY, "--lawful-reason", "Court order")
    assert again.returncode == 0, again.stderr
    assert f"to **{AGENCY}** by Sam Okafor, consent {consent} (export)" in again.stdout
    assert sharing_log(db[0])[1] == (AGENCY, "Handover pack", None, "Court order", "export")


def test_shared_without_consent_for_a_lawful_reason(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    out = tmp_path / "pack.html"
    result = handover(
        tmp_path, db, "--for", "Family court", "--lawful-reason", "Court order", "-o", str(out)
    )
    assert result.returncode == 0, result.stderr
    assert "without consent: Court order" in out.read_text(encoding="utf-8")
    assert sharing_log(db[0]) == [("Family court", "Handover pack", None, "Court order", "export")]
    conn = sqlite3.connect(db[0])
    try:
        [(detail,)] = conn.execute(
            "SELECT detail FROM audit_event WHERE action = 'handover-exported'"
        ).fetchall()
    finally:
        conn.close()
    assert detail.endswith("(for Family court)")


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["--consent", "1"], "--consent and --lawful-reason go with --for AGENCY"),
        (["--lawful-reason", "Court order"], "go with --for AGENCY"),
        (["--for", "  "], "--for needs the agency"),
        (["--for", AGENCY, "--consent", "1", "--lawful-reason", "Court"], "not both"),
        (["--for", AGENCY, "--lawful-reason", "\x07 "], "needs the reason"),
        (["--for", AGENCY, "--consent", "99"], "No consent with id 99"),
        (["--for", AGENCY, "--consent", "x"], "not a whole number"),
    ],
)
def test_bad_arguments_are_one_line(
    tmp_path: Path, db: tuple[Path, CaseDetail], args: list[str], fragment: str
) -> None:
    assert_one_line_error(handover(tmp_path, db, *args), fragment)
    assert sharing_log(db[0]) == []


def test_a_consent_not_in_force_is_refused(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    expired = add_consent(db[0], db[1].id, given_on="1/1/2026", expires_on="1/2/2026")
    result = handover(tmp_path, db, "--for", AGENCY, "--consent", str(expired))
    assert_one_line_error(result, f"Consent {expired} is not in force today (expired)")
    assert sharing_log(db[0]) == []
