"""``caseline export``: the real command (``tests.cli``), as a worker's script runs it, signed in
with a token (``tests/test_cli_tokens.py`` covers signing in itself)."""

from __future__ import annotations

import os
import shutil
import sqlite3
from collections.abc import Callable
from pathlib import Path

import pytest

from store.cases.records import CaseDetail
from store.service import Store
from tests.cli import Ran, caseline
from tests.conftest import COLLEAGUES, Prebuilt
from tests.store.test_export import parse_html, table_rows
from tests.test_cli import assert_one_line_error
from tests.test_cli_tokens import make_token

SCRIPT = "<script>alert(1)</script>"


def run(tmp_path: Path, *args: str, env: dict[str, str] | None = None) -> Ran:
    """``caseline *args``, signed in as the worker --worker names (else sam.okafor) with the
    token ``sign_in_by_token`` left for them, if it did."""
    login = args[args.index("--worker") + 1] if "--worker" in args else "sam.okafor"
    token = tmp_path / "tokens" / login
    signed_in = {"CASELINE_TOKEN": token.read_text()} if token.exists() else {}
    return caseline(tmp_path, *args, env={**signed_in, **(env or {})})


def sign_in_by_token(tmp_path: Path, db: Path) -> None:
    """Tokens for ``run`` to sign in with: sam.okafor's, whose cases these are, and a manager's,
    priya.nair (added), who reads every case."""
    folder = tmp_path / "tokens"
    folder.mkdir(exist_ok=True)
    for login, role in (("sam.okafor", "worker"), ("priya.nair", "manager")):
        (folder / login).write_text(make_token(db, login, role=role))


@pytest.fixture
def db(tmp_path: Path, prebuilt: Prebuilt) -> tuple[Path, CaseDetail]:
    """A database with one case and three manual entries besides its allocation."""
    path, case = prebuilt.with_result(tmp_path / "cases.db", _cases)
    sign_in_by_token(tmp_path, path)
    return path, case


def _cases(path: Path) -> CaseDetail:
    store = Store.open(path)
    try:
        me = store.workers.ensure("sam.okafor", **COLLEAGUES)
        store.workers.ensure("priya.nair", **COLLEAGUES)
        case = store.cases.create(
            me,
            {"client_name": "Ada Byron", "date_of_birth": "3/4/2012", "allocated_on": "1/6/2026"},
        )
        for day, category, title in (
            ("1/7/2026", "health", "Hospital admission"),
            ("1/8/2026", "safeguarding", SCRIPT),
            ("1/10/2026", "health", "GP review: 100% better"),
        ):
            store.chronology.add(
                me,
                case.id,
                {
                    "occurred_on": day,
                    "category": category,
                    "title": title,
                    "details": f"About {title}.",
                },
            )
    finally:
        store.close()
    return case


def export(tmp_path: Path, db: tuple[Path, CaseDetail], *args: str) -> Ran:
    path, case = db
    return run(tmp_path, "export", "chronology", case.ref, "--db", str(path), *args)


def test_markdown_to_standard_output(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    result = export(tmp_path, db, "--worker", "priya.nair")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    lines = result.stdout.splitlines()
    assert lines[0] == f"# Chronology: {db[1].ref}, Ada Byron"
    assert "- **Exported by:** Priya Nair" in lines
    assert "- **Entries shown:** all entries" in lines
    assert "- **Number of entries:** 4" in lines
    rows = [line for line in lines if line.startswith("| 01 ")]
    assert [r.split(" | ")[2] for r in rows] == [
        "Case allocated to Sam Okafor",
        "Hospital admission",
        "\\<script\\>alert(1)\\</script\\>",
        "GP review: 100% better",
    ]
    assert SCRIPT not in result.stdout  # escaped in the table, neutralised in the details
    assert "> About \\<script>alert(1)\\</script>." in lines


def test_html_to_a_file_with_filters(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    out = tmp_path / "exports" / "ada.HTML"
    out.parent.mkdir()
    result = export(
        tmp_path,
        db,
        "--output",
        str(out),
        "--category",
        "health",
        "--since",
        "1/7/2026",
        "--newest-first",
        "--worker",
        "sam.okafor",
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    assert result.stderr.strip() == (f"Wrote chronology of {db[1].ref} (2 entries) to {out}")
    doc, declarations = parse_html(out.read_text(encoding="utf-8"))
    assert declarations == ["doctype html"]
    assert [row[2] for row in table_rows(doc)] == ["GP review: 100% better", "Hospital admission"]
    facts = [dd.text() for dd in doc.find("dl", "facts").find_all("dd")]
    assert "filtered: category health, since 01 Jul 2026" in facts
    assert os.listdir(out.parent) == ["ada.HTML"]  # no temporary file left beside it


def test_text_and_period_filters_and_an_explicit_format(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    out = tmp_path / "chronology.html"
    result = export(
        tmp_path,
        db,
        "--format",
        "md",
        "--output",
        str(out),
        "--since",
        "1/7/2026 to 31/8/2026",
        "--text",
        "admission",
    )
    assert result.returncode == 0, result.stderr
    text = out.read_text(encoding="utf-8")
    assert text.startswith("# Chronology:")  # md, whatever the name says
    assert '- **Entries shown:** filtered: 01 Jul 2026 to 31 Aug 2026, containing "admission"' in (
        text.splitlines()
    )
    assert "- **Number of entries:** 1" in text.splitlines()
    html = export(tmp_path, db, "--format", "html", "--category", "safeguarding,health")
    assert html.returncode == 0, html.stderr
    doc, _ = parse_html(html.stdout)
    assert [row[2] for row in table_rows(doc)] == [
        "Hospital admission",
        SCRIPT,
        "GP review: 100% better",
    ]


def test_the_database_is_found_like_the_app_finds_it(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    path, case = db
    before = run(tmp_path, "--db", str(path), "export", "chronology", case.ref)
    assert before.returncode == 0, before.stderr
    from_env = run(tmp_path, "export", "chronology", case.ref, env={"CASELINE_DB": str(path)})
    assert from_env.returncode == 0, from_env.stderr
    assert from_env.stdout.splitlines()[0] == before.stdout.splitlines()[0]
    config = tmp_path / "no-config.toml"
    config.write_text(f"db = {str(path)!r}\n", encoding="utf-8")
    from_config = run(tmp_path, "export", "chronology", case.ref)
    assert from_config.returncode == 0, from_config.stderr


def test_unknown_reference(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    path, _ = db
    result = run(tmp_path, "export", "chronology", "CL-1999-9999", "--db", str(path))
    assert_one_line_error(result, "caseline: ", "No case with reference 'CL-1999-9999'")
    assert result.returncode == 1 and result.stdout == ""


def test_missing_database_is_not_created(tmp_path: Path) -> None:
    path = tmp_path / "nothing.db"
    result = run(tmp_path, "export", "chronology", "CL-1", "--db", str(path))
    assert_one_line_error(result, "No database at", "--demo")
    assert not path.exists()


def test_missing_folder_for_output(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    out = tmp_path / "no" / "such" / "c.md"
    result = export(tmp_path, db, "--output", str(out))
    assert_one_line_error(result, "caseline: ", "does not exist")
    assert result.returncode == 1 and not out.parent.exists()


def test_directory_as_output(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    folder = tmp_path / "exports"
    folder.mkdir()
    result = export(tmp_path, db, "--output", str(folder))
    assert_one_line_error(result, "is a folder; give a file name")
    assert result.returncode == 1 and os.listdir(folder) == []


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_unwritable_folder(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = export(tmp_path, db, "--output", str(folder / "c.md"))
    finally:
        folder.chmod(0o700)
    assert_one_line_error(result, "is not writable")
    assert os.listdir(folder) == []


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs a Linux /sys")
def test_folder_nobody_can_write(tmp_path: Path, db: tuple[Path, CaseDetail]) -> None:
    # sysfs refuses new files even to root, so this runs wherever the tests do.
    result = export(tmp_path, db, "--output", "/sys/kernel/chronology.md")
    assert_one_line_error(result, "/sys/kernel")
    assert result.returncode == 1
    assert any(word in result.stderr for word in ("not writable", "Permission denied"))


@pytest.mark.parametrize(
    ("args", "fragments"),
    [
        (["--since", "someday"], ['--since: Not a period: "someday"', "last 6 months"]),
        (["--since", "31/3/2026 to 1/1/2026"], ["--since:", "ends before it starts"]),
        (["--category", "gossip"], ["--category: no category 'gossip'", "health"]),
    ],
)
def test_bad_filters(
    tmp_path: Path, db: tuple[Path, CaseDetail], args: list[str], fragments: list[str]
) -> None:
    result = export(tmp_path, db, *args)
    assert_one_line_error(result, *fragments)
    assert result.returncode == 1 and result.stdout == ""


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["export"], "required"),
        (["export", "chronology"], "REF"),
        (["export", "chronology", "CL-1", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["export", "notes", "CL-1"], "invalid choice: 'notes'"),
    ],
)
def test_usage_errors_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    result = run(tmp_path, *args)
    assert_one_line_error(result, fragment)
    assert result.returncode == 2


# --- caseline export plan --------------------------------------------------------------------

CLASSES = {
    "domain": "health",
    "change": f"Attend three classes {SCRIPT}",
    "measure": "classes attended, from the centre's register",
    "target": "3 of 3",
    "relevance": "I want to be well enough to look after my grandson",
    "target_on": "1/2/2027",
    "client_agreed": "yes",
    "achievable": "yes",
}


@pytest.fixture
def plans(db: tuple[Path, CaseDetail]) -> tuple[Path, CaseDetail, CaseDetail]:
    """The case of ``db`` with plan 1 (a goal, an action, a review) ended by plan 2, which
    carries the goal over; and a second case with no plan."""
    path, case = db
    store = Store.open(path)
    try:
        me = store.workers.ensure("sam.okafor", **COLLEAGUES)
        store.workers.ensure("priya.nair", **COLLEAGUES)
        first = store.plans.start(
            me, case.id, {"started_on": "1/9/2026", "review_interval": "6 weeks"}
        )
        goal = store.plans.add_goal(me, first.id, CLASSES)
        store.plans.add_action(
            me, goal.id, {"what": "Book the first class", "owner": "client", "due_on": "1/10/2026"}
        )
        store.plans.review(
            me,
            first.id,
            {
                "held_on": "13/10/2026",
                "client_present": "yes",
                "client_views": "“Hard going.”",
                f"rating_{goal.id}": "progressing",
                f"evidence_{goal.id}": "Went to 1 of 3",
                f"decision_{goal.id}": "continue",
            },
        )
        store.plans.start(me, case.id, {"started_on": "20/11/2026", "review_interval": "1 month"})
        planless = store.cases.create(
            me, {"client_name": "Bo Planless", "allocated_on": "1/6/2026"}
        )
    finally:
        store.close()
    return path, case, planless


def export_plan(tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail], *args: str) -> Ran:
    path, case, _ = plans
    return run(tmp_path, "export", "plan", case.ref, "--db", str(path), *args)


def test_plan_markdown_to_standard_output(
    tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    result = export_plan(tmp_path, plans, "--worker", "priya.nair")
    assert result.returncode == 0, result.stderr
    assert result.stderr == ""
    ref = plans[1].ref
    lines = result.stdout.splitlines()
    assert lines[0] == f"# Service plan 2: {ref}, Ada Byron"
    for expected in (
        "- **Client:** Ada Byron",
        "- **Date of birth:** 03 Apr 2012",
        f"- **Case reference:** {ref}",
        "- **Allocated worker:** Sam Okafor",
        "- **Plan number:** 2",
        "- **Plan status:** current",
        "- **Started:** 20 Nov 2026",
        "- **Review schedule:** every month",
        "- **Exported by:** Priya Nair",
        "### Goal 1 · health · open",
        "*Carried over from plan 1.*",
        "**What will change:** Attend three classes \\<script\\>alert(1)\\</script\\>",
        "No reviews yet.",
    ):
        assert expected in lines, expected
    assert SCRIPT not in result.stdout


def test_plan_html_to_a_file(tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail]) -> None:
    out = tmp_path / "exports" / "plan.html"
    out.parent.mkdir()
    result = export_plan(tmp_path, plans, "--output", str(out), "--worker", "sam.okafor")
    assert result.returncode == 0, result.stderr
    assert result.stdout == ""
    ref = plans[1].ref
    assert result.stderr.strip() == (f"Wrote service plan 2 of {ref} (1 goal, 0 reviews) to {out}")
    doc, declarations = parse_html(out.read_text(encoding="utf-8"))
    assert declarations == ["doctype html"]
    assert doc.find("title").text() == f"Service plan 2: {ref}, Ada Byron"
    facts = dict(
        zip(
            (dt.text() for dt in doc.find("dl", "facts").find_all("dt")),
            (dd.text() for dd in doc.find("dl", "facts").find_all("dd")),
            strict=True,
        )
    )
    assert facts["Plan number"] == "2" and facts["Plan status"] == "current"
    assert facts["Exported by"] == "Sam Okafor"
    paragraphs = [p.text() for p in doc.find("main", "plan").find_all("p")]
    assert f"What will change: Attend three classes {SCRIPT}" in paragraphs
    assert not list(doc.find_all("script"))
    assert os.listdir(out.parent) == ["plan.html"]  # no temporary file left beside it


def test_an_earlier_plan_by_its_number(
    tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    result = export_plan(tmp_path, plans, "--plan", "1", "--format", "html")
    assert result.returncode == 0, result.stderr
    doc, _ = parse_html(result.stdout)
    facts = [dd.text() for dd in doc.find("dl", "facts").find_all("dd")]
    assert facts[4:7] == ["1", "ended 20 Nov 2026 (an earlier plan)", "01 Sep 2026"]
    assert [h.text() for h in doc.find_all("h3")] == [
        "Goal 1 · health · open",
        "Review of 13 Oct 2026",
    ]
    items = [" ".join(li.text().split()) for li in doc.find("main").find_all("li")]
    assert "13 Oct 2026 — progressing, decision: continue. Evidence: Went to 1 of 3" in items
    md = export_plan(tmp_path, plans, "--plan", "1")
    assert md.returncode == 0, md.stderr
    assert md.stdout.startswith(f"# Service plan 1: {plans[1].ref}, Ada Byron\n")
    assert "- **Next review:** none (the plan has ended)" in md.stdout.splitlines()


def test_a_case_without_a_plan(tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail]) -> None:
    path, _, planless = plans
    for extra in ([], ["--plan", "1"]):
        result = run(tmp_path, "export", "plan", planless.ref, "--db", str(path), *extra)
        assert_one_line_error(result, f"caseline: Case {planless.ref} has no service plan.")
        assert result.returncode == 1 and result.stdout == ""


def test_no_plan_with_that_number(
    tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    out = tmp_path / "plan.md"
    result = export_plan(tmp_path, plans, "--plan", "7", "--output", str(out))
    assert_one_line_error(
        result, f"caseline: --plan: case {plans[1].ref} has no plan 7; its plans are 1, 2."
    )
    assert result.returncode == 1 and result.stdout == "" and not out.exists()


def test_plan_of_an_unknown_reference(
    tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    result = run(tmp_path, "export", "plan", "CL-1999-9999", "--db", str(plans[0]))
    assert_one_line_error(result, "caseline: ", "No case with reference 'CL-1999-9999'")
    assert result.returncode == 1 and result.stdout == ""


@pytest.mark.parametrize(
    ("where", "fragment"),
    [
        (lambda tmp: tmp / "no" / "such" / "plan.md", "does not exist"),
        (lambda tmp: tmp / "exports", "is a folder; give a file name, e.g. "),
    ],
)
def test_plan_to_somewhere_unwritable(
    tmp_path: Path,
    plans: tuple[Path, CaseDetail, CaseDetail],
    where: Callable[[Path], Path],
    fragment: str,
) -> None:
    (tmp_path / "exports").mkdir()
    target = where(tmp_path)
    result = export_plan(tmp_path, plans, "--output", str(target))
    assert_one_line_error(result, "caseline: ", fragment)
    assert result.returncode == 1 and result.stdout == ""
    assert os.listdir(tmp_path / "exports") == [] and not (tmp_path / "no").exists()
    if target.is_dir():
        assert str(target / "plan.md") in result.stderr


@pytest.mark.skipif(os.geteuid() == 0, reason="root can write anywhere")
def test_plan_to_an_unwritable_folder(
    tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    folder = tmp_path / "locked"
    folder.mkdir()
    folder.chmod(0o500)
    try:
        result = export_plan(tmp_path, plans, "--output", str(folder / "plan.md"))
    finally:
        folder.chmod(0o700)
    assert_one_line_error(result, "is not writable")
    assert os.listdir(folder) == []


@pytest.mark.skipif(not Path("/sys/kernel").is_dir(), reason="needs a Linux /sys")
def test_plan_to_a_folder_nobody_can_write(
    tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    result = export_plan(tmp_path, plans, "--output", "/sys/kernel/plan.md")
    assert_one_line_error(result, "/sys/kernel")
    assert result.returncode == 1 and result.stdout == ""
    assert any(word in result.stderr for word in ("not writable", "Permission denied"))


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["export", "plan"], "REF"),
        (["export", "plan", "CL-1", "--format", "pdf"], "invalid choice: 'pdf'"),
        (["export", "plan", "CL-1", "--plan", "two"], "--plan: 'two' is not a whole number"),
        (["export", "plan", "CL-1", "--since", "2025"], "unrecognized arguments: --since"),
    ],
)
def test_plan_usage_errors_exit_2(tmp_path: Path, args: list[str], fragment: str) -> None:
    result = run(tmp_path, *args)
    assert_one_line_error(result, fragment)
    assert result.returncode == 2


# --- caseline export minutes -----------------------------------------------------------------


@pytest.fixture
def meetings(tmp_path: Path, prebuilt: Prebuilt) -> tuple[Path, CaseDetail, CaseDetail, list[int]]:
    """A case with two finalised meetings and a draft (ids in that order), and one with none."""
    path, (case, none, ids) = prebuilt.with_result(tmp_path / "meetings.db", _meetings)
    sign_in_by_token(tmp_path, path)
    return path, case, none, list(ids)  # a list of its own: the built one is shared


def _meetings(path: Path) -> tuple[CaseDetail, CaseDetail, list[int]]:
    store = Store.open(path)
    try:
        me = store.workers.ensure("sam.okafor", **COLLEAGUES)
        store.workers.ensure("priya.nair", **COLLEAGUES)
        case = store.cases.create(me, {"client_name": "Ada Byron", "allocated_on": "1/6/2026"})
        none = store.cases.create(me, {"client_name": "Grace Hopper", "allocated_on": "1/6/2026"})
        gp = store.case_file.add_professional(
            me, case.id, {"name": "Dr Amir Khan", "agency": "Hillside GP"}
        )
        ids = []
        for held, place, final in (
            ("2/9/2026 10:00", "Civic Centre", True),
            ("2/11/2026 14:00", f"Room {SCRIPT}", True),
            ("", "", False),
        ):
            draft = store.conferences.start(me, case.id)
            ids.append(draft.id)
            if not final:
                continue
            saved = store.conferences.save(
                me,
                draft.id,
                {
                    "held_at": held,
                    "place": place,
                    "conference_type": "core group",
                    "chair": "Sam Okafor",
                    "client_attended": "no",
                    "client_views": "**Ada** sent a letter: keep the flat.",
                    "decisions": "Refer to debt advice",
                    "attendees": [
                        {"who": "worker", "role": "allocated worker"},
                        {"who": f"professional:{gp.id}", "role": "GP"},
                    ],
                    "apologies": [{"who": "client"}],
                    "actions": [
                        {"what": "Write to the landlord", "owner": "worker", "due_on": "1/12/2026"}
                    ],
                },
                version=draft.version,
            )
            store.conferences.finalise(me, draft.id, version=saved.version)
    finally:
        store.close()
    return case, none, ids


def test_minutes_markdown_to_standard_output_are_the_latest_finalised(
    tmp_path: Path, meetings: tuple[Path, CaseDetail, CaseDetail, list[int]]
) -> None:
    path, case, _, _ = meetings
    result = run(tmp_path, "export", "minutes", case.ref, "--db", str(path))
    assert result.returncode == 0, result.stderr
    text = result.stdout
    assert text.startswith(f"# Minutes of the core group of 02 Nov 2026: {case.ref}, Ada Byron\n")
    assert "- **Minutes:** final" in text
    assert "Room \\<script\\>alert(1)\\</script\\>" in text  # typed text reads literally
    assert "\\*\\*Ada\\*\\* sent a letter" in text
    assert "Dr Amir Khan" in text and "Write to the landlord" in text
    assert "Refer to debt advice" in text


def test_minutes_html_of_a_chosen_meeting_to_a_file(
    tmp_path: Path, meetings: tuple[Path, CaseDetail, CaseDetail, list[int]]
) -> None:
    path, case, _, ids = meetings
    out = tmp_path / "minutes.html"
    result = run(
        tmp_path,
        "export",
        "minutes",
        case.ref,
        "--db",
        str(path),
        "--conference",
        str(ids[0]),
        "--output",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert f"Wrote the minutes of meeting {ids[0]} of {case.ref}" in result.stderr
    html = out.read_text(encoding="utf-8")
    assert "Content-Security-Policy" in html and "<script" not in html
    assert "Minutes of the core group of 02 Sep 2026" in html
    assert "Civic Centre" in html


def test_minutes_errors_are_one_line(
    tmp_path: Path, meetings: tuple[Path, CaseDetail, CaseDetail, list[int]]
) -> None:
    path, case, none, ids = meetings
    result = run(tmp_path, "export", "minutes", none.ref, "--db", str(path))
    assert_one_line_error(result, f"caseline: Case {none.ref} has no meetings recorded.")
    result = run(tmp_path, "export", "minutes", case.ref, "--db", str(path), "--conference", "99")
    assert_one_line_error(result, f"has no meeting 99; it has {ids[2]}, {ids[1]}, {ids[0]}.")
    assert result.returncode == 1 and result.stdout == ""
    result = run(tmp_path, "export", "minutes", case.ref, "--db", str(path), "--conference", "x")
    assert result.returncode == 2 and "Traceback" not in result.stderr


def _fingerprint(path: Path) -> tuple[bytes, int, list[str]]:
    """The file's bytes, its modification time, and what lies beside it (-wal, -shm)."""
    return path.read_bytes(), path.stat().st_mtime_ns, sorted(os.listdir(path.parent))


@pytest.mark.parametrize(
    ("what", "fixture"), [("chronology", "db"), ("plan", "plans"), ("minutes", "meetings")]
)
def test_a_read_only_copy_is_exported_and_left_as_it_was(
    tmp_path: Path, request: pytest.FixtureRequest, what: str, fixture: str
) -> None:
    """Reading commands open the database read-only: a copy nobody may write to can be
    exported, and exporting changes nothing, not even by recording the sign-in."""
    original, case = request.getfixturevalue(fixture)[:2]
    folder = tmp_path / "copy"
    folder.mkdir()
    path = folder / "cases.db"
    shutil.copyfile(original, path)
    path.chmod(0o444)
    folder.chmod(0o555)
    try:
        before = _fingerprint(path)
        result = run(
            tmp_path, "export", what, case.ref, "--db", str(path), "--worker", "priya.nair"
        )
        after = _fingerprint(path)
    finally:
        folder.chmod(0o700)
        path.chmod(0o600)
    assert result.returncode == 0, result.stderr
    assert "Priya Nair" in result.stdout  # signed in, by token, without writing it down
    assert after == before
    # The copy is readable by everyone: said, not changed.
    warnings = result.stderr.splitlines()
    assert warnings and all(w.startswith("caseline: warning: ") for w in warnings)
    assert f"chmod 600 {path}" in result.stderr
    # Nor can it take the audit trail's rows: the export is made, and that is said in a line.
    assert sum("this export could not be recorded in the audit trail" in w for w in warnings) == 1
    assert sum("this sign-in could not be recorded in the audit trail" in w for w in warnings) == 1


def _make_demo_database(tmp_path: Path) -> CaseDetail:
    """A small database where --demo looks for it (XDG_DATA_HOME in app_env)."""
    folder = tmp_path / "data" / "caseline"
    folder.mkdir(parents=True, mode=0o700)
    store = Store.open(folder / "demo.db")
    try:
        me = store.workers.ensure("sam.okafor", **COLLEAGUES)
        store.workers.ensure("priya.nair", **COLLEAGUES)
        return store.cases.create(me, {"client_name": "Ada Byron", "allocated_on": "1/6/2026"})
    finally:
        store.close()


def test_demo_goes_before_or_after_the_export_command(tmp_path: Path) -> None:
    case = _make_demo_database(tmp_path)
    for args in (
        ["--demo", "export", "chronology", case.ref],
        ["export", "chronology", case.ref, "--demo"],
        ["export", "plan", case.ref, "--demo"],
    ):
        # No sign-in: the demo's worker is whoever made it, found as the app finds them.
        result = run(tmp_path, *args, env={"CASELINE_WORKER": "sam.okafor"})
        if args[1] == "plan":
            assert_one_line_error(result, f"Case {case.ref} has no service plan")
            continue
        assert result.returncode == 0, result.stderr
        assert result.stdout.splitlines()[0] == f"# Chronology: {case.ref}, Ada Byron"
        assert result.stderr == ""


def test_no_demo_database_yet(tmp_path: Path) -> None:
    result = run(tmp_path, "export", "chronology", "CL-2026-0001", "--demo")
    demo = tmp_path / "data" / "caseline" / "demo.db"
    assert_one_line_error(result, f"No demo database at {demo} yet", "caseline --demo")
    assert not demo.exists()


def _exports(path: Path) -> list[tuple[str, str, str, int | None, int | None]]:
    from store.core.models import AuditEvent

    store = Store.open(path)
    try:
        with store.database.reading():
            return [
                (e.action, e.login, e.detail, e.case_id, e.record_id)
                for e in AuditEvent.select()
                .where(AuditEvent.action.endswith("-exported"))
                .order_by(AuditEvent.id)
            ]
    finally:
        store.close()


def test_every_export_is_audited_with_what_which_case_and_where_to(
    tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    path, case = plans[:2]
    out = tmp_path / "plan.html"
    who = ("--db", str(path), "--worker", "sam.okafor")
    result = run(tmp_path, "export", "plan", case.ref, *who, "--output", str(out))
    assert result.returncode == 0, result.stderr
    result = run(tmp_path, "export", "chronology", case.ref, *who, "--text", "GP")
    assert result.returncode == 0 and "audit" not in result.stderr, result.stderr
    exports = _exports(path)
    assert [(a, login, case_id) for a, login, _, case_id, _ in exports] == [
        ("plan-exported", "sam.okafor", case.id),
        ("chronology-exported", "sam.okafor", case.id),
    ]
    assert exports[0][2] == str(out.resolve())
    assert exports[1][2].startswith("stdout (") and "GP" in exports[1][2]
    assert exports[1][4] == case.id


def test_a_failed_export_is_not_audited(
    tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    path, case = plans[:2]
    result = run(tmp_path, "export", "plan", case.ref, "--db", str(path), "--plan", "1")
    assert result.returncode == 0, result.stderr
    result = run(tmp_path, "export", "plan", case.ref, "--db", str(path), "--plan", "9")
    assert result.returncode == 1
    assert [e[0] for e in _exports(path)] == ["plan-exported"]  # the one that was made


def test_the_handover_pack_to_standard_output_and_to_a_file(
    tmp_path: Path, plans: tuple[Path, CaseDetail, CaseDetail]
) -> None:
    path, case, _ = plans
    result = run(
        tmp_path,
        "export",
        "case",
        case.ref,
        "--pack",
        "handover",
        "--db",
        str(path),
        "--worker",
        "priya.nair",
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == f"# Handover: {case.ref}, Ada Byron"
    for section in ("## Summary", "## The plan", "## Support network", "## Chronology"):
        assert section in lines, section
    assert "- **Exported by:** Priya Nair" in lines
    assert SCRIPT not in result.stdout
    out = tmp_path / "handover.html"
    result = run(
        tmp_path,
        "export",
        "case",
        case.ref,
        "--pack",
        "handover",
        "--db",
        str(path),
        "-o",
        str(out),
    )
    assert result.returncode == 0, result.stderr
    assert result.stderr.strip() == f"Wrote the handover pack of {case.ref} to {out}"
    page = out.read_text(encoding="utf-8")
    assert page.startswith("<!doctype html>") and "<script" not in page
    audit = sqlite3.connect(path)
    try:
        rows = audit.execute(
            "SELECT action, case_id FROM audit_event WHERE action = 'handover-exported'"
        ).fetchall()
    finally:
        audit.close()
    assert rows == [("handover-exported", case.id), ("handover-exported", case.id)]


@pytest.mark.parametrize(
    ("args", "fragment"),
    [
        (["export", "case", "CL-2026-9999", "--pack", "handover"], "No case with reference"),
        (["export", "case", "CL-2026-0001"], "--pack"),
        (["export", "case", "CL-2026-0001", "--pack", "everything"], "invalid choice"),
    ],
)
def test_handover_pack_errors_are_one_line(
    tmp_path: Path, db: tuple[Path, CaseDetail], args: list[str], fragment: str
) -> None:
    result = run(tmp_path, *args, "--db", str(db[0]))
    assert result.returncode != 0
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1 and fragment in result.stderr


def test_a_restricted_case_is_exported_by_one_named_for_it_with_a_reason(
    tmp_path: Path, db: tuple[Path, CaseDetail]
) -> None:
    path, case = db
    store = Store.open(path)
    try:
        sam = store.workers.named("sam.okafor")
        store.cases.restrict(
            sam,
            case.id,
            {"restricted": "yes", "named": "priya.nair", "reason": "Known to staff"},
            version=store.cases.get(sam, case.id).version,
        )
    finally:
        store.close()
    asked = export(tmp_path, db, "--worker", "priya.nair")
    assert_one_line_error(asked, f"Case {case.ref} is restricted", "give it with --reason")
    blank = export(tmp_path, db, "--worker", "priya.nair", "--reason", "  ")
    assert_one_line_error(blank, "Say why you are opening this restricted case")
    said = export(tmp_path, db, "--worker", "priya.nair", "--reason", "Court report due")
    assert said.returncode == 0, said.stderr
    assert said.stdout.startswith(f"# Chronology: {case.ref}")
    held = export(tmp_path, db)  # its worker: never asked
    assert held.returncode == 0, held.stderr
    assert [(login, detail) for _, login, detail, _, _ in _exports(path)] == [
        ("priya.nair", "stdout (reason: Court report due)"),
        ("sam.okafor", "stdout"),
    ]
