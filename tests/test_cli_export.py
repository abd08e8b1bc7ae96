"""``caseline export chronology``: the real command in a subprocess, as a worker runs it."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from store.records import CaseDetail
from store.service import Store
from tests.store.test_export import parse_html, table_rows
from tests.terminal import ROOT, app_env
from tests.test_cli import assert_one_line_error

SCRIPT = "<script>alert(1)</script>"


def run(
    tmp_path: Path, *args: str, env: dict[str, str] | None = None
) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "tui", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        cwd=ROOT,
        env={**app_env(tmp_path), **(env or {})},
        timeout=120,
        stdin=subprocess.DEVNULL,
    )


@pytest.fixture
def db(tmp_path: Path) -> tuple[Path, CaseDetail]:
    """A database with one case and three manual entries besides its allocation."""
    path = tmp_path / "cases.db"
    store = Store.open(path)
    try:
        me = store.ensure_worker("sam.okafor")
        case = store.create_case(
            me,
            {"client_name": "Ada Byron", "date_of_birth": "3/4/2012", "allocated_on": "1/6/2026"},
        )
        for day, category, title in (
            ("1/7/2026", "health", "Hospital admission"),
            ("1/8/2026", "safeguarding", SCRIPT),
            ("1/10/2026", "health", "GP review: 100% better"),
        ):
            store.add_chronology_entry(
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
    return path, case


def export(
    tmp_path: Path, db: tuple[Path, CaseDetail], *args: str
) -> subprocess.CompletedProcess[str]:
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
    assert_one_line_error(result, "No database at")
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
