"""What the assessments' operations and their input share: limits, field names, and the
pure comparisons (two versions, the ratings over time)."""

from __future__ import annotations

import difflib
import re
from collections.abc import Sequence

from store.assessments.records import (
    DOMAIN_FIELDS,
    AssessmentDetail,
    AssessmentSummary,
    Comparison,
    FieldChange,
    RatingCell,
    RatingRow,
    RatingsTable,
    WordChange,
)

TEXT_MAX = 20_000  # the summary, the client's goals
DOMAIN_TEXT_MAX = 5_000  # each of a domain's texts
REASON_MAX = 300
TEXT_FIELDS = ("strengths", "needs", "client_view")


def domain_key(position: int, field: str) -> str:
    """The name of a domain's field in a form and in InvalidInput: "d3_needs"."""
    return f"d{position}_{field}"


def level(rating: str, scale: Sequence[str]) -> int | None:
    """A rating's place on the scale (0 = least need), None if it is not on it."""
    key = rating.casefold()
    return next((i for i, name in enumerate(scale) if name.casefold() == key), None)


# A word with the blanks after it (blanks before the first word on their own), so a run of
# changed words reads as one change rather than word, blank, word.
_WORDS = re.compile(r"\s+|\S+\s*")


def word_diff(old: str, new: str) -> tuple[WordChange, ...]:
    """``old`` to ``new`` word by word (blanks kept with the words), as runs."""
    a, b = _WORDS.findall(old), _WORDS.findall(new)
    out: list[WordChange] = []
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out.append(WordChange("equal", "".join(a[i1:i2])))
            continue
        if op in ("delete", "replace"):
            out.append(WordChange("delete", "".join(a[i1:i2])))
        if op in ("insert", "replace"):
            out.append(WordChange("insert", "".join(b[j1:j2])))
    return tuple(out)


def compare_field(domain: str, label: str, old: str, new: str) -> FieldChange:
    """One field of two versions compared: what kind of change, and word by word."""
    if old == new:
        kind = "unchanged"
    elif not old.strip():
        kind = "added"
    elif not new.strip():
        kind = "removed"
    else:
        kind = "changed"
    words = word_diff(old, new) if kind == "changed" else ()
    return FieldChange(domain, label, kind, old, new, words)


def compare(
    older: AssessmentDetail,
    newer: AssessmentDetail,
    older_line: AssessmentSummary,
    newer_line: AssessmentSummary,
) -> Comparison:
    """Every field of two versions: the assessment's own, then each domain's (the newer's in
    its order, then any the older had that the newer has not)."""
    from store.common import dates

    changes = [
        compare_field("", "As at", dates.format_date(older.as_at), dates.format_date(newer.as_at)),
        compare_field("", "Summary", older.summary, newer.summary),
        compare_field("", "The client's goals", older.goals, newer.goals),
    ]
    names = [d.name for d in newer.domains]
    names += [d.name for d in older.domains if newer.domain(d.name) is None]
    for name in names:
        before, after = older.domain(name), newer.domain(name)
        for field, label in DOMAIN_FIELDS:
            changes.append(
                compare_field(
                    name,
                    label,
                    before.field(field) if before else "",
                    after.field(field) if after else "",
                )
            )
    return Comparison(older_line, newer_line, tuple(changes))


def ratings_table(
    finals: Sequence[AssessmentDetail],
    lines: Sequence[AssessmentSummary],
    scale: Sequence[str],
    domains: Sequence[str],
) -> RatingsTable:
    """Domains by ``finals`` (oldest first): the configured domains first, then any an earlier
    assessment had under a name no longer configured, each rating as written."""
    names = list(domains)
    known = {n.casefold() for n in names}
    for detail in finals:
        for d in detail.domains:
            if d.name.casefold() not in known:
                known.add(d.name.casefold())
                names.append(d.name)
    rows = []
    for name in names:
        cells: list[RatingCell] = []
        previous: int | None = None
        for detail in finals:
            found = detail.domain(name)
            rating = found.rating if found else ""
            at = level(rating, scale) if rating else None
            if at is None or previous is None:
                trend = ""
            elif at > previous:
                trend = "worse"
            elif at < previous:
                trend = "better"
            else:
                trend = "same"
            cells.append(RatingCell(rating, at, trend))
            if at is not None:
                previous = at
        if any(c.rating for c in cells) or name.casefold() in {d.casefold() for d in domains}:
            rows.append(RatingRow(name, tuple(cells)))
    return RatingsTable(tuple(lines), tuple(rows), tuple(scale))
