"""Numbered schema migrations.

The schema version lives in the ``caseline_meta`` table. Each step in ``STEPS`` upgrades the
schema by one version and carries its own frozen table definitions (never the live models, which
describe only the newest schema). All pending steps run in one write transaction, so a failed
upgrade leaves the database as it was.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import UTC, datetime
from typing import TYPE_CHECKING

import peewee as pw

from store import __version__
from store.common.errors import NewerDatabase, NotACaselineDatabase
from store.core.dialect import execute_sql
from store.core.migrations import (
    m0001_initial,
    m0002_case_file,
    m0003_chronology,
    m0004_records_guard,
    m0005_plans,
    m0006_conferences,
    m0007_form_drafts,
    m0008_saved_by,
    m0009_identity,
    m0010_integrity,
    m0011_tokens,
    m0012_supervision,
    m0013_closure_checklist,
    m0014_restricted,
    m0015_assessments,
    m0016_resources,
    m0017_consent,
    m0018_referrals,
    m0019_tasks,
    m0020_search,
    m0021_name_grams,
    m0022_referral_versions,
    m0023_note_indexes,
)

if TYPE_CHECKING:
    # Loaded only when there is something to upgrade: it takes longer to import than the
    # rest of the store.
    from playhouse.migrate import SchemaMigrator

Step = Callable[[pw.Database, "SchemaMigrator"], None]

# (version, description, step). Append only; never edit a released step.
STEPS: list[tuple[int, str, Step]] = [
    (1, "workers, clients, cases, allocations, notes, chronology", m0001_initial.up),
    (
        2,
        "case file: support network, professionals, summaries, drafts, amendments, tasks",
        m0002_case_file.up,
    ),
    (3, "chronology: source of information, analysis, versions", m0003_chronology.up),
    (4, "finalised notes, amendments and history guarded by the database", m0004_records_guard.up),
    (5, "service plans, SMART goals, actions and plan reviews", m0005_plans.up),
    (6, "case conferences: minutes, attendees, agenda, actions, amendments", m0006_conferences.up),
    (7, "drafts of forms, so nothing typed is lost", m0007_form_drafts.up),
    (8, "draft minutes: who saved them last", m0008_saved_by.up),
    (9, "workers sign in: teams, passphrases, locks; the audit trail", m0009_identity.up),
    (10, "final records sealed in a hash chain; more of them guarded", m0010_integrity.up),
    (11, "tokens for scripts, kept only as hashes", m0011_tokens.up),
    (12, "supervision notes, recorded on the worker supervised", m0012_supervision.up),
    (13, "the closure checklist, worked through before a case closes", m0013_closure_checklist.up),
    (14, "restricted cases, opened only by the workers named for them", m0014_restricted.up),
    (15, "assessments over time: domains, ratings, amendments", m0015_assessments.up),
    (16, "the community-resource directory: organisations and their services", m0016_resources.up),
    (17, "consent to share information, and the information-sharing log", m0017_consent.up),
    (18, "referrals out, their status history and chasing; referrals in", m0018_referrals.up),
    (19, "tasks done with a note or moved with a reason, their moves kept", m0019_tasks.up),
    (20, "one full-text index over the case records, for searching everywhere", m0020_search.up),
    (21, "clients' names indexed by their pieces, for the duplicate check", m0021_name_grams.up),
    (22, "a referral's details corrected, its earlier versions kept", m0022_referral_versions.up),
    (23, "two note indexes that others cover dropped", m0023_note_indexes.up),
]
LATEST = STEPS[-1][0]
APP_ID = "caseline"

# Every trigger by which the database keeps final records as they were, as the migrations
# create them: a check (``store.integrity``) finds any missing or changed.
GUARD_TRIGGERS: tuple[str, ...] = (
    *m0004_records_guard.TRIGGERS,
    *m0005_plans.TRIGGERS,
    *m0006_conferences.TRIGGERS,
    *m0009_identity.TRIGGERS,
    *m0010_integrity.TRIGGERS,
    *m0011_tokens.TRIGGERS,
    *m0012_supervision.TRIGGERS,
    *m0015_assessments.TRIGGERS,
    *m0016_resources.TRIGGERS,
    *m0017_consent.TRIGGERS,
    *m0018_referrals.TRIGGERS,
    *m0019_tasks.TRIGGERS,
    *m0022_referral_versions.TRIGGERS,
)


def meta_of(db: pw.Database) -> dict[str, str]:
    if "caseline_meta" not in db.get_tables():
        return {}
    return dict(execute_sql(db, "SELECT key, value FROM caseline_meta").fetchall())


def set_meta(db: pw.Database, key: str, value: str) -> None:
    execute_sql(db, "DELETE FROM caseline_meta WHERE key = ?", (key,))
    execute_sql(db, "INSERT INTO caseline_meta (key, value) VALUES (?, ?)", (key, value))


def check_version(meta: dict[str, str], where: str) -> int:
    """Return the schema version in ``meta``, refusing databases we can't or mustn't open."""
    if meta.get("app") != APP_ID:
        raise NotACaselineDatabase(f"{where} is not a Caseline database; it was left untouched.")
    try:
        version = int(meta.get("schema_version", ""))
    except ValueError:
        raise NotACaselineDatabase(f"{where} has no readable schema version.") from None
    if version > LATEST:
        raise NewerDatabase(
            f"{where} was written by a newer Caseline (schema {version}; this is {__version__}, "
            f"schema {LATEST}). Upgrade Caseline to open it."
        )
    return version


def upgrade(db: pw.Database, where: str, target: int = LATEST) -> list[int]:
    """Bring the schema up to ``target``; call inside a write transaction. Returns steps run."""
    meta = meta_of(db)
    if not meta:
        if db.get_tables():
            raise NotACaselineDatabase(
                f"{where} is not a Caseline database; it was left untouched."
            )
        execute_sql(db, "CREATE TABLE caseline_meta (key VARCHAR(255) PRIMARY KEY, value TEXT)")
        set_meta(db, "app", APP_ID)
        set_meta(db, "created_at", datetime.now(UTC).isoformat(timespec="seconds"))
        current = 0
    else:
        current = check_version(meta, where)
    pending = [(v, step) for v, _description, step in STEPS if current < v <= target]
    if not pending:
        return []
    from playhouse.migrate import SchemaMigrator

    migrator = SchemaMigrator.from_database(db)
    ran: list[int] = []
    for version, step in pending:
        step(db, migrator)
        set_meta(db, "schema_version", str(version))
        ran.append(version)
    if ran:
        set_meta(db, "written_by", __version__)
    return ran
