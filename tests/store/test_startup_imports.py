"""Start-up never imports pydantic; the input models load on first use and still validate.

Pydantic and building the models cost about 120 ms, and start-up validates nothing: the config
without a file, opening the store, the worker, the caseload and the drafts need none of it.
Each check runs in a fresh interpreter, since this one has long imported pydantic.
"""

from __future__ import annotations

import dataclasses
import json
import os
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from store.service import Store

ROOT = Path(__file__).resolve().parents[2]

# Modules that import pydantic (or are only needed to validate input).
LAZY_MODULES = (
    "pydantic",
    "store.common.validation",
    "store.common.config_file",
    "store.notes.input",
    "store.chronology.input",
    "store.cases.input",
    # SQLCipher's driver: only an encrypted database needs it (store.core.cipher).
    "sqlcipher3",
    # The TOML parser: only a config file needs it (store.common.config.load_config).
    "tomllib",
)

START_UP = """
import json, sys

import tui.cli, tui.app, tui.screens.caseload.screen
from store.common.config import load_config
from store.service import Store

config = load_config()
store = Store.open(sys.argv[1], ref_format=config.ref_format)
me = store.workers.ensure("sam.okafor")
rows = store.cases.caseload(me)
drafts = store.notes.drafts(me)
report = {
    "rows": len(rows),
    "drafts": len(drafts),
    "loaded": sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules),
}
"""

AFTER_START_UP = """
from store.common.errors import InvalidInput

try:
    store.cases.create(me, {"client_name": "  ", "phone": "call me"})
except InvalidInput as exc:
    report["errors"] = exc.errors
report["after"] = "pydantic" in sys.modules
"""


def run(
    db: Path, tmp_path: Path, *parts: str, lazy: tuple[str, ...] = LAZY_MODULES
) -> dict[str, object]:
    code = "".join(parts) + "print(json.dumps(report))"
    env = {**os.environ, "CASELINE_CONFIG": str(tmp_path / "no-such-config.toml")}
    result = subprocess.run(
        [sys.executable, "-c", code, str(db), json.dumps(lazy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        timeout=60,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    report: dict[str, object] = json.loads(result.stdout.strip().splitlines()[-1])
    return report


@pytest.fixture
def existing_db(tmp_path: Path) -> Path:
    """A database made beforehand, as at every start but the first."""
    path = tmp_path / "existing.db"
    store = Store.open(path)
    try:
        me = store.workers.ensure("sam.okafor")
        store.cases.create(me, {"client_name": "Ada Lovelace"})
    finally:
        store.close()
    return path


def test_start_up_never_imports_pydantic(existing_db: Path, tmp_path: Path) -> None:
    report = run(existing_db, tmp_path, START_UP)
    assert report["rows"] == 1  # the database made above, so the real start-up path
    assert report["drafts"] == 0
    assert report["loaded"] == []


def test_start_up_with_a_simple_config_file_loads_neither_pydantic_nor_other_areas(
    existing_db: Path, tmp_path: Path
) -> None:
    """A config file of plain settings is read without pydantic, and the caseload's first
    paint makes (and imports) the services of its own areas only (``store.areas``)."""
    (tmp_path / "no-such-config.toml").write_text(
        'today_at_start = false\ntheme = "textual-light"\nidle_lock_minutes = 10\n'
        'date_order = "mdy"\n'
    )
    areas = ("case_file", "conferences", "referrals", "consent", "assessments", "supervision")
    services = tuple(f"store.{area}.service" for area in areas)
    read = (
        'report["dayfirst"] = config.dayfirst\n'
        "from tui.app import CaselineApp\n"
        "app = CaselineApp(store=store, me=me, config=config)\n"  # built, not run
        'report["loaded"] = sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)\n'
    )
    report = run(existing_db, tmp_path, START_UP, read, lazy=LAZY_MODULES + services)
    assert report["rows"] == 1
    assert report["dayfirst"] is False  # the file was read
    assert report["loaded"] == ["tomllib"]  # to read it, and nothing more


def test_start_up_on_a_file_never_imports_the_postgresql_driver(
    existing_db: Path, tmp_path: Path
) -> None:
    """psycopg, installed with the tests, costs some 200 ms to import, and peewee imports it
    whenever it can: the store keeps it from peewee until a PostgreSQL database is opened."""
    from importlib.metadata import version

    assert version("psycopg")  # installed (with the tests): this test means something
    driver = (
        'report["driver"] = sorted(m for m in sys.modules'
        ' if m.startswith("psycopg") and sys.modules[m] is not None)\n'
    )
    report = run(existing_db, tmp_path, START_UP, driver)
    assert report["rows"] == 1
    assert report["driver"] == []


def test_input_is_still_validated_once_the_models_load(existing_db: Path, tmp_path: Path) -> None:
    report = run(existing_db, tmp_path, START_UP, AFTER_START_UP)
    assert report["loaded"] == []
    assert report["after"] is True
    assert report["errors"] == {
        "client_name": "Client name is required.",
        "phone": "Phone may contain digits, spaces, + ( ) - and an extension (ext 12).",
    }


def test_no_store_module_forwards_names_through_a_module_getattr() -> None:
    """Each name has one home: an operations module doesn't hand out its input models (or
    anything else) through a module ``__getattr__``, which hides an import loop."""
    import importlib
    import pkgutil

    import store

    found = []
    for info in pkgutil.walk_packages(store.__path__, "store."):
        if info.name.startswith("store.demo.generator"):
            continue
        module = importlib.import_module(info.name)
        if "__getattr__" in vars(module):
            found.append(info.name)
    assert found == []


def test_config_has_the_fields_and_defaults_of_the_file_model() -> None:
    from store.common.config_file import ConfigFile
    from store.common.settings import Config

    assert [f.name for f in dataclasses.fields(Config)] == list(ConfigFile.model_fields)
    assert ConfigFile().to_config() == Config()


# Code the command line's start-up doesn't need to draw a worker's caseload.
NOT_FOR_THE_CASELOAD = (
    "tui.cli_admin",  # the other commands
    "tui.cli_export",
    "tui.cli_verify",
    "store.integrity.records",
    "tui.screens.sign_in",  # another first screen
    "textual.widgets._text_area",  # the editors
    "store.notes.records",  # what is looked at once the caseload is drawn
    "store.search.records",
)

COMMAND_LINE_START = """
import json, sys

import tui.app, tui.screens.caseload.screen
from tui import cli

# Everything the command line does but run the app: wait for the caseload read beside.
tui.app.CaselineApp.run = lambda app: app._first_caseload.result(30)
assert cli.main(["--db", sys.argv[1], "--worker", "sam.okafor"]) == 0
report = {"loaded": sorted(m for m in json.loads(sys.argv[2]) if m in sys.modules)}
"""


def test_the_command_line_loads_only_what_the_first_caseload_needs(
    existing_db: Path, tmp_path: Path
) -> None:
    """Started on a worker's caseload (a demo database's worker), the command line loads
    neither the other commands nor other screens, the editors or the drafts' records."""
    with sqlite3.connect(existing_db) as db:
        db.execute("INSERT INTO caseline_meta (key, value) VALUES ('demo', '1')")
    report = run(existing_db, tmp_path, COMMAND_LINE_START, lazy=NOT_FOR_THE_CASELOAD)
    assert report["loaded"] == []
