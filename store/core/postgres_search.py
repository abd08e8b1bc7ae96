"""The search index on PostgreSQL: what SQLite's migration 20 (``m0020_search``) makes with
FTS5, made here with the schema (``store.core.postgres_db.create_schema``) from the same
sources, so both index the same records with the same keys.

``search_index`` holds one row per searchable record: its text (``body``, NFC), the text
folded (``folded``: folded once, as it is written, for the headlines of the results as much as
for the index), a ``tsvector`` of that (``words``, GIN-indexed, made by the database itself),
its case,
kind, group, the record to open and its date. ``key`` is SQLite's rowid formula (day, kind,
id): newest first is the key's order, and a date range a range of keys.

Case and accents are folded by ``search_fold``, an SQL function of our own rather than the
``unaccent`` extension, which needs the server's contrib files and the right to create an
extension: here nothing but plain SQL, made by whoever makes the schema. It maps each
character to one character (a letter to its lower-case, unaccented form; any character that
isn't a letter or digit, as Python's ``str.isalnum`` says, to a space), so a word is a run of
letters and digits exactly as ``store.search.query`` splits what is typed, whatever the
server's locale, and a headline made on the folded text lines up with the text itself.

PL/pgSQL triggers on every source table keep the index in step, as m0020's do on SQLite.
"""

from __future__ import annotations

import re
import unicodedata
from functools import cache

from store.core.migrations.m0020_search import CODE, DAY, SOURCES, Source

TABLE = "search_index"
FOLD = "search_fold"
_EPOCH = "DATE '1900-01-01'"
_ASCII_UPPER = "ABCDEFGHIJKLMNOPQRSTUVWXYZ"
# Letters that fold to another: those of the alphabets written with case or accents (Latin,
# Greek, Cyrillic, Armenian, ... up to U+1FFF) and the full-width forms. ``translate`` looks
# each character up in this list one by one, so it is kept to the letters people write.
_FOLDED_BELOW = 0x2000
_FULL_WIDTH = range(0xFF00, 0xFFF0)
# A tsvector holds at most 1 MB, and the place of a word in it at most 16,383: of a longer
# record (a pasted document; a note may hold two million characters) its first this many
# characters are searched, some 15,000 words. More would fail the record's write.
INDEXED_CHARS = 100_000


def _folded(ch: str) -> str:
    decomposed = unicodedata.normalize("NFKD", ch.lower())
    return "".join(c for c in decomposed if not unicodedata.combining(c))


@cache
def _letters() -> tuple[str, str]:
    """(from, to) for ``translate``: the common characters first (found soonest), mapped to
    themselves, then every letter that folds to one other character."""
    common = "abcdefghijklmnopqrstuvwxyz0123456789 "
    source, target = [*common, *_ASCII_UPPER], [*common, *_ASCII_UPPER.lower()]
    for cp in [*range(0x80, _FOLDED_BELOW), *_FULL_WIDTH]:
        ch = chr(cp)
        if not ch.isalnum():
            continue
        folded = _folded(ch)
        if len(folded) == 1 and folded != ch and folded.isalnum():
            source.append(ch)
            target.append(folded)
    return "".join(source), "".join(target)


def _escape(cp: int) -> str:
    return f"\\u{cp:04x}" if cp <= 0xFFFF else f"\\U{cp:08x}"


@cache
def _word_class() -> str:
    """A regular expression bracket of every letter and digit (``str.isalnum``)."""
    ranges: list[list[int]] = []
    for cp in range(0x80, 0x110000):
        if 0xD800 <= cp < 0xE000 or not chr(cp).isalnum():
            continue
        if ranges and ranges[-1][1] == cp - 1:
            ranges[-1][1] = cp
        else:
            ranges.append([cp, cp])
    inside = "".join(
        _escape(low) if low == high else f"{_escape(low)}-{_escape(high)}" for low, high in ranges
    )
    return f"0-9A-Za-z{inside}"


_INDEXED = f"left(folded, {INDEXED_CHARS})"


def fold_ddl() -> str:
    """``search_fold(text)``: one character for each (see the module's docstring)."""
    source, target = _letters()
    return (
        f"CREATE FUNCTION {FOLD}(t text) RETURNS text LANGUAGE sql IMMUTABLE STRICT "
        "PARALLEL SAFE AS $$ SELECT CASE WHEN t ~ '[^\\x01-\\x7f]' "
        f"THEN translate(regexp_replace(t, '[^{_word_class()}]', ' ', 'g'), "
        f"'{source}', '{target}') "
        f"ELSE translate(regexp_replace(t, '[^0-9A-Za-z]', ' ', 'g'), "
        f"'{_ASCII_UPPER}', '{_ASCII_UPPER.lower()}') END $$"
    )


# -- the sources' SQL, as PostgreSQL says it ------------------------------------------------

_SQLITE_WORDS = (
    (re.compile(r"\bchar\("), "chr("),
    (re.compile(r"\bgroup_concat\("), "string_agg("),
    (re.compile(r"\btrim\("), "btrim("),
)


def _pg(sql: str) -> str:
    """A source's SQL expression (SQLite's) in PostgreSQL's words."""
    for pattern, replacement in _SQLITE_WORDS:
        sql = pattern.sub(replacement, sql)
    return sql


def key_of(source: Source, r: str) -> str:
    """SQL for the key of ``source``'s row ``r`` (SQLite's rowid, ``m0020_search.rowid_of``)."""
    day = source.day.format(r=r)
    days = f"coalesce(substr(({day})::text, 1, 10)::date - {_EPOCH}, 0)::bigint"
    return f"({days} * {DAY} + {source.code * CODE} + {r}.id)"


def add(source: Source, which: str) -> str:
    """SQL adding the index row of ``source``'s row whose id is ``which`` (if indexed)."""
    r = "r"
    when = "true" if source.when == "1" else _pg(source.when.format(r=r))
    return (
        f"INSERT INTO {TABLE} (key, body, folded, case_id, kind, grp, record_id, on_date) "
        f"SELECT key, body, {FOLD}(body), case_id, kind, grp, record_id, on_date FROM ("
        f"SELECT {key_of(source, r)} AS key, normalize({_pg(source.text.format(r=r))}, NFC) "
        f"AS body, {_pg(source.case.format(r=r))} AS case_id, '{source.kind}' AS kind, "
        f"'{source.group}' AS grp, {source.opens.format(r=r)} AS record_id, "
        f"substr(({source.day.format(r=r)})::text, 1, 10) AS on_date "
        f'FROM "{source.table}" r WHERE r.id = {which} AND ({when})) found'
    )


def _remove(source: Source, which: str) -> str:
    return (
        f"DELETE FROM {TABLE} WHERE key = "
        f'(SELECT {key_of(source, "r")} FROM "{source.table}" r WHERE r.id = {which})'
    )


def _function(name: str, body: str, declare: str = "") -> str:
    return (
        f"CREATE FUNCTION {name}() RETURNS trigger LANGUAGE plpgsql AS $$\n{declare}"
        f"BEGIN\n{body}\nRETURN NULL; END $$"
    )


def _trigger(name: str, table: str) -> str:
    return (
        f'CREATE TRIGGER {name} AFTER INSERT OR UPDATE OR DELETE ON "{table}" '
        f"FOR EACH ROW EXECUTE FUNCTION {name}()"
    )


def trigger_ddl(source: Source) -> list[str]:
    """The functions and triggers that keep ``source``'s rows in the index."""
    name = f"search_{source.table}"
    body = (
        f"IF TG_OP <> 'INSERT' THEN DELETE FROM {TABLE} WHERE key = {key_of(source, 'OLD')};"
        f" END IF;\nIF TG_OP <> 'DELETE' THEN {add(source, 'NEW.id')}; END IF;"
    )
    if source.table == "summary_version":  # the summary it replaces leaves the index
        body += (
            f"\nIF TG_OP = 'INSERT' THEN DELETE FROM {TABLE} WHERE key IN (SELECT "
            f"{key_of(source, 's')} FROM summary_version s "
            "WHERE s.case_id = NEW.case_id AND s.id < NEW.id); END IF;"
        )
    found = [_function(name, body), _trigger(name, source.table)]
    for child, column in source.children:
        child_name = f"search_{child}"
        child_body = (
            f"IF TG_OP = 'DELETE' THEN parent := OLD.{column}; "
            f"ELSE parent := NEW.{column}; END IF;\n"
            f"{_remove(source, 'parent')};\n{add(source, 'parent')};"
        )
        found += [
            _function(child_name, child_body, "DECLARE parent integer;\n"),
            _trigger(child_name, child),
        ]
    return found


def trigger_names() -> list[tuple[str, str]]:
    """(table, trigger) of every trigger keeping the index."""
    found = []
    for source in SOURCES:
        found.append((source.table, f"search_{source.table}"))
        found += [(child, f"search_{child}") for child, _column in source.children]
    return found


def schema_ddl() -> list[str]:
    """The index, its fold, its indexes and its triggers (for an empty database)."""
    return [
        fold_ddl(),
        f"CREATE TABLE {TABLE} (key BIGINT PRIMARY KEY, body TEXT NOT NULL, folded TEXT NOT NULL, "
        f"words TSVECTOR GENERATED ALWAYS AS (to_tsvector('simple', {_INDEXED})) STORED, "
        "case_id INTEGER, kind TEXT NOT NULL, grp TEXT NOT NULL, record_id INTEGER NOT NULL, "
        "on_date TEXT)",
        f"CREATE INDEX {TABLE}_words ON {TABLE} USING gin (words)",
        f"CREATE INDEX {TABLE}_case ON {TABLE} (case_id, key)",
        *(sql for source in SOURCES for sql in trigger_ddl(source)),
    ]


def fill() -> list[str]:
    """The index made again from the records."""
    return [f"DELETE FROM {TABLE}", *(add(source, "r.id") for source in SOURCES)]
