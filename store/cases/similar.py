"""Which clients' names may be the name typed for a new case: the rules of the duplicate check,
and finding the clients to try them on by the index of names' pieces (schema version 21),
instead of trying them on every client.

Each client's folded name (``client.name_key``), with a space before and after, is kept cut
into every run of three characters ("grams": " ad", "ada", "da ", ...), indexed. A name is
similar to another (``similarity``) when they are the same, the same words in another order,
the same last word and first initial, or when difflib rates them 0.85 alike or more. Whoever
passes one of the first three shares every gram of the typed name's last word (space-padded);
whoever passes the last shares at least 0.125 x (both lengths) - 2 grams (less any gram the
typed name repeats) and is within 0.74-1.35 times its length: two names rated 0.85 alike match
in runs of at least 0.425 x (both lengths) letters all told, in at most one run more than the
letters left unmatched, and a run of n letters holds n - 2 shared grams. Only those clients are
scored, with the rules themselves, so the result is what comparing every client would give,
except between names so short (under 17 letters together) and so scrambled that they share no
three letters in a row.
"""

from __future__ import annotations

import difflib
import math
from collections import Counter

import peewee as pw

from store.core.dialect import execute_sql

GRAM_TABLE = "client_name_gram"
# How far into a name the database cuts grams (schema version 21's ``name_gram_position``).
GRAM_POSITIONS = 400
RATIO = 0.85


def grams(key: str) -> list[str]:
    """The runs of three characters of a folded name, space-padded, as the database cuts them."""
    padded = f" {key} "
    return [padded[i : i + 3] for i in range(min(len(key), GRAM_POSITIONS))]


def similarity(
    tokens: list[str], key: str, other: str, probe: difflib.SequenceMatcher[str] | None = None
) -> str | None:
    """Why two folded names may be the same person (``key``, its ``tokens``, typed), or None;
    ``probe``: ``difflib.SequenceMatcher(None, "", key)``, made once for many names."""
    if other == key:
        return "same name"
    other_tokens = other.split()
    if sorted(other_tokens) == sorted(tokens):
        return "same name, other order"
    if (
        len(tokens) > 1
        and len(other_tokens) > 1
        and tokens[-1] == other_tokens[-1]
        and tokens[0][:1] == other_tokens[0][:1]
    ):
        return "similar name"
    # The quick bounds first, by a matcher made once for the typed name (``probe``): they read
    # the two names alike either way round, and most names offered fail them. Only a name that
    # passes is compared in full, as it always was.
    probe = probe or difflib.SequenceMatcher(None, "", key)
    probe.set_seq1(other)
    if probe.real_quick_ratio() < RATIO or probe.quick_ratio() < RATIO:
        return None
    if difflib.SequenceMatcher(None, key, other).ratio() >= RATIO:
        return "similar name"
    return None


def similar_clients(db: pw.Database, key: str) -> dict[int, str]:
    """{client id: why} for every client whose name may be ``key`` (a folded name); call in a
    transaction."""
    tokens = key.split()
    if not tokens:
        return {}
    cut = grams(key)
    every = sorted(set(cut))
    last = sorted(set(grams(tokens[-1])))
    repeated = len(cut) - len(every)
    length = len(key)
    # The fewest grams a client rated RATIO alike must share: 0.125 x (the two lengths) - 2.
    share = 2.5 * RATIO - 2  # from 5 x matched - 2 x lengths - 2, matched >= RATIO x lengths / 2
    rows = execute_sql(
        db,
        "SELECT c.id, c.name_key FROM ("
        f"SELECT client_id, COUNT(*) AS shared, "
        f" SUM(CASE WHEN gram IN ({_marks(last)}) THEN 1 ELSE 0 END) AS in_last"
        f" FROM {GRAM_TABLE} WHERE gram IN ({_marks(every)}) GROUP BY client_id"
        ") AS s JOIN client AS c ON c.id = s.client_id"
        " WHERE s.in_last = ? OR (length(c.name_key) BETWEEN ? AND ?"
        " AND s.shared >= ? * (? + length(c.name_key)) - 2 - ?)",
        (
            *last,
            *every,
            len(last),
            math.floor(length * RATIO / (2 - RATIO)),
            math.ceil(length * (2 - RATIO) / RATIO),
            share,
            length,
            repeated,
        ),
    ).fetchall()
    found: dict[int, str] = {}
    probe = difflib.SequenceMatcher(None, "", key)
    for client_id, other in rows:
        reason = similarity(tokens, key, other, probe)
        if reason:
            found[int(client_id)] = reason
    return found


class NameIndex:
    """The search ``similar_clients`` makes, over names held here rather than in the database
    (the rows of a file being imported): the same grams, the same bounds, the same rules."""

    def __init__(self) -> None:
        self._keys: dict[int, str] = {}
        self._holding: dict[str, list[int]] = {}  # gram: the names that have it

    def add(self, ident: int, key: str) -> None:
        """Index the folded name ``key`` as ``ident``."""
        self._keys[ident] = key
        for gram in set(grams(key)):
            self._holding.setdefault(gram, []).append(ident)

    def similar(self, key: str) -> dict[int, str]:
        """{ident: why} for every name held that may be ``key`` (a folded name)."""
        tokens = key.split()
        if not tokens:
            return {}
        cut = grams(key)
        every = set(cut)
        last = set(grams(tokens[-1]))
        shared: Counter[int] = Counter()
        in_last: Counter[int] = Counter()
        for gram in every:
            for ident in self._holding.get(gram, ()):
                shared[ident] += 1
                if gram in last:
                    in_last[ident] += 1
        length = len(key)
        shortest = math.floor(length * RATIO / (2 - RATIO))
        longest = math.ceil(length * (2 - RATIO) / RATIO)
        share = 2.5 * RATIO - 2  # as in similar_clients
        repeated = len(cut) - len(every)
        found: dict[int, str] = {}
        probe = difflib.SequenceMatcher(None, "", key)
        for ident, count in shared.items():
            other = self._keys[ident]
            if in_last[ident] == len(last) or (
                shortest <= len(other) <= longest
                and count >= share * (length + len(other)) - 2 - repeated
            ):
                reason = similarity(tokens, key, other, probe)
                if reason:
                    found[ident] = reason
        return found


def share_a_word(key: str, other: str) -> bool:
    """Whether two folded names have a word in common: with the same date of birth, a name
    changed in part (a surname on marriage, a first name used instead of another)."""
    return bool(set(key.split()) & set(other.split()))


def _marks(values: list[str]) -> str:
    return ", ".join("?" for _ in values)
