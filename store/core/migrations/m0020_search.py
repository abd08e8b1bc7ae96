"""Version 20: one full-text index over a case's records, for searching everywhere.

``search_index`` is an SQLite FTS5 table: one row per searchable record (a finalised note, an
amendment, a chronology entry, a case's current summary, a plan's goals, actions and reviews,
finalised minutes, a finalised assessment, a referral out or in), holding the record's text
(``body``), the words that filter it by case and kind (``scope``: "c12 gnotes"), and, not
indexed, its case, its kind, the id of the record to open and its date. Accents are folded
(``remove_diacritics 2``: Zoë is found by zoe) and prefixes of two and three letters have
their own index, so a word being typed is found as fast as a whole one.

A row's rowid is made from the record's date, its kind and its id (``ROWID``): newest first is
then the index's own order, read backwards without sorting, and a date range is a range of
rowids. The triggers below keep the index in step with every write to the tables it covers
(a draft becoming final, an entry edited, an amendment added, a record deleted): a row is
removed by the rowid its old values give and added again from the row as it is now. The
upgrade fills it from the records already there.

All of this is SQLite's; a PostgreSQL dialect would keep a ``tsvector`` column per table, or
one table like this one, kept by its own triggers, queried with ``websearch_to_tsquery``.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

import peewee as pw

from store.core.dialect import execute_sql

if TYPE_CHECKING:
    from playhouse.migrate import SchemaMigrator

TABLE = "search_index"

CREATE = (
    f"CREATE VIRTUAL TABLE {TABLE} USING fts5("
    "body, scope, case_id UNINDEXED, kind UNINDEXED, record_id UNINDEXED, on_date UNINDEXED, "
    "tokenize = 'unicode61 remove_diacritics 2', prefix = '2 3')"
)

# rowid = days since 1 Jan 1900 * 2^32 + kind code * 2^27 + the record's id.
DAY = 1 << 32
CODE = 1 << 27


def rowid_of(code: int, day: str) -> str:
    """SQL for the rowid of a record of kind ``code`` dated ``day`` (SQL for an ISO date or
    date and time); ``{r}`` in it is the row."""
    days = f"coalesce(CAST(julianday(substr({day}, 1, 10)) - 2415020.5 AS INTEGER), 0)"
    return f"({days} * {DAY} + {code * CODE} + {{r}}.id)"


def _texts(*columns: str) -> str:
    joined = " || char(10) || ".join(f"coalesce({c}, '')" for c in columns)
    # The markers the search's snippets use can never come from a record's own text.
    return f"trim(replace(replace({joined}, char(2), ''), char(3), ''), char(10))"


def _case_via(table: str, column: str) -> str:
    return f'(SELECT x.case_id FROM "{table}" x WHERE x.id = {{r}}.{column})'


_PLAN_CASE = "(SELECT p.case_id FROM service_plan p WHERE p.id = {r}.plan_id)"
_GOAL_CASE = (
    "(SELECT p.case_id FROM plan_goal g JOIN service_plan p ON p.id = g.plan_id "
    "WHERE g.id = {r}.goal_id)"
)


@dataclass(frozen=True)
class Source:
    """A table whose rows are searched, and how each becomes a row of the index."""

    code: int
    table: str
    kind: str  # as shown: "note", "minutes amendment"
    group: str  # what the kind filter names: notes, chronology, summary, plan, ...
    day: str  # the record's date, SQL on {r}
    text: str  # its text, SQL on {r}
    case: str = "{r}.case_id"
    opens: str = "{r}.id"  # the record to open for it
    when: str = "1"  # only rows for which this holds are indexed
    children: tuple[tuple[str, str], ...] = ()  # (table, column naming the row) also its text

    @property
    def rowid(self) -> str:
        return rowid_of(self.code, self.day)

    def add(self, which: str) -> str:
        """SQL adding the index row of the row whose id is ``which`` (if it is indexed)."""
        r = "r"
        return (
            f"INSERT INTO {TABLE} (rowid, body, scope, case_id, kind, record_id, on_date) "
            f"SELECT {self.rowid.format(r=r)}, {self.text.format(r=r)}, "
            f"'c' || ({self.case.format(r=r)}) || ' g{self.group}', {self.case.format(r=r)}, "
            f"'{self.kind}', {self.opens.format(r=r)}, substr({self.day.format(r=r)}, 1, 10) "
            f'FROM "{self.table}" r WHERE r.id = {which} AND ({self.when.format(r=r)})'
        )

    def fill(self) -> str:
        return self.add("r.id")

    def remove_old(self) -> str:
        """SQL removing the index row of the row as it was (``OLD``)."""
        return f"DELETE FROM {TABLE} WHERE rowid = {self.rowid.format(r='OLD')}"

    def remove(self, which: str) -> str:
        """SQL removing the index row of the row, as it is now, whose id is ``which``."""
        return (
            f"DELETE FROM {TABLE} WHERE rowid = "
            f'(SELECT {self.rowid.format(r="r")} FROM "{self.table}" r WHERE r.id = {which})'
        )


def _note_text(r: str = "{r}") -> str:
    return _texts(f"{r}.body", f"{r}.present")


SOURCES: tuple[Source, ...] = (
    Source(1, "note", "note", "notes", "{r}.contact_at", _note_text(), when="{r}.status = 'final'"),
    Source(
        2,
        "note_amendment",
        "note amendment",
        "notes",
        "{r}.created_at",
        _texts("{r}.reason", "{r}.body"),
        case=_case_via("note", "note_id"),
        opens="{r}.note_id",
    ),
    Source(
        3,
        "chronology_entry",
        "chronology",
        "chronology",
        "{r}.occurred_on",
        _texts("{r}.title", "{r}.details", "{r}.source_of_information", "{r}.analysis"),
    ),
    Source(
        4,
        "summary_version",
        "summary",
        "summary",
        "{r}.created_at",
        _texts("{r}.body"),
        # Only the summary as it stands: an earlier version leaves the index when replaced.
        when=(
            "NOT EXISTS (SELECT 1 FROM summary_version s2 "
            "WHERE s2.case_id = {r}.case_id AND s2.id > {r}.id)"
        ),
    ),
    Source(
        5,
        "plan_goal",
        "plan goal",
        "plan",
        "{r}.created_at",
        _texts(
            "(SELECT v.domain || char(10) || v.change || char(10) || coalesce(v.measure, '') "
            "|| char(10) || coalesce(v.target, '') || char(10) || coalesce(v.relevance, '') "
            "FROM plan_goal_version v WHERE v.goal_id = {r}.id ORDER BY v.number DESC LIMIT 1)"
        ),
        case=_PLAN_CASE,
        children=(("plan_goal_version", "goal_id"),),
    ),
    Source(
        6,
        "plan_action",
        "plan action",
        "plan",
        "{r}.created_at",
        _texts("{r}.what", "{r}.owner_name", "{r}.status_note"),
        case=_GOAL_CASE,
    ),
    Source(
        7,
        "plan_review",
        "plan review",
        "plan",
        "{r}.held_on",
        _texts(
            "{r}.summary",
            "{r}.client_views",
            "{r}.participants",
            "(SELECT group_concat(x.evidence, char(10)) FROM plan_review_rating x "
            "WHERE x.review_id = {r}.id)",
        ),
        case=_PLAN_CASE,
        children=(("plan_review_rating", "review_id"),),
    ),
    Source(
        8,
        "conference",
        "minutes",
        "minutes",
        "coalesce({r}.held_at, {r}.created_at)",
        _texts(
            "{r}.conference_type",
            "{r}.place",
            "{r}.client_views",
            "{r}.information_shared",
            "{r}.decisions",
            "(SELECT group_concat(x.title || char(10) || x.discussion, char(10)) "
            "FROM conference_agenda_item x WHERE x.conference_id = {r}.id)",
            "(SELECT group_concat(x.what, char(10)) FROM conference_action x "
            "WHERE x.conference_id = {r}.id)",
        ),
        when="{r}.status = 'final'",
        children=(
            ("conference_agenda_item", "conference_id"),
            ("conference_action", "conference_id"),
        ),
    ),
    Source(
        9,
        "conference_amendment",
        "minutes amendment",
        "minutes",
        "{r}.created_at",
        _texts("{r}.reason", "{r}.body"),
        case=_case_via("conference", "conference_id"),
        opens="{r}.conference_id",
    ),
    Source(
        10,
        "assessment",
        "assessment",
        "assessment",
        "{r}.as_at",
        _texts(
            "{r}.summary",
            "{r}.goals",
            "(SELECT group_concat(x.domain || char(10) || x.strengths || char(10) || x.needs "
            "|| char(10) || x.client_view, char(10)) "
            "FROM assessment_domain x WHERE x.assessment_id = {r}.id)",
        ),
        when="{r}.status = 'final'",
        children=(("assessment_domain", "assessment_id"),),
    ),
    Source(
        11,
        "assessment_amendment",
        "assessment amendment",
        "assessment",
        "{r}.created_at",
        _texts("{r}.reason", "{r}.body"),
        case=_case_via("assessment", "assessment_id"),
        opens="{r}.assessment_id",
    ),
    Source(
        12,
        "referral",
        "referral",
        "referrals",
        "{r}.referred_on",
        _texts(
            "{r}.agency",
            "{r}.agency_contact",
            "{r}.reason",
            "{r}.shared",
            "{r}.outcome",
            "{r}.accompanied_by",
        ),
    ),
    Source(
        13,
        "incoming_referral",
        "referral in",
        "referrals",
        "{r}.received_on",
        _texts("{r}.source", "{r}.referrer", "{r}.reason", "{r}.decision_note"),
    ),
)


def trigger_sql(source: Source) -> list[str]:
    """The triggers that keep ``source``'s rows in the index."""
    t, name = f'"{source.table}"', f"search_{source.table}"
    found = [
        f"CREATE TRIGGER {name}_insert AFTER INSERT ON {t} BEGIN {source.add('NEW.id')}; "
        + (
            # The summary it replaces leaves the index.
            "DELETE FROM search_index WHERE rowid IN (SELECT "
            f"{source.rowid.format(r='s')} FROM summary_version s "
            "WHERE s.case_id = NEW.case_id AND s.id < NEW.id); "
            if source.table == "summary_version"
            else ""
        )
        + "END",
        f"CREATE TRIGGER {name}_update AFTER UPDATE ON {t} "
        f"BEGIN {source.remove_old()}; {source.add('NEW.id')}; END",
        f"CREATE TRIGGER {name}_delete AFTER DELETE ON {t} BEGIN {source.remove_old()}; END",
    ]
    for child, column in source.children:
        for event, row in (("insert", "NEW"), ("update", "NEW"), ("delete", "OLD")):
            which = f"{row}.{column}"
            found.append(
                f'CREATE TRIGGER search_{child}_{event} AFTER {event.upper()} ON "{child}" '
                f"BEGIN {source.remove(which)}; {source.add(which)}; END"
            )
    return found


TRIGGERS: tuple[str, ...] = tuple(sql for source in SOURCES for sql in trigger_sql(source))


# The index's words, for a prefix being typed to be looked up (it holds nothing of its own).
VOCABULARY = f"CREATE VIRTUAL TABLE search_vocabulary USING fts5vocab({TABLE}, 'row')"


def up(db: pw.Database, migrator: SchemaMigrator) -> None:
    execute_sql(db, CREATE)
    execute_sql(db, VOCABULARY)
    for source in SOURCES:
        execute_sql(db, source.fill())
    for sql in TRIGGERS:
        execute_sql(db, sql)
