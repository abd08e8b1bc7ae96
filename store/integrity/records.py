"""Plain records of a check of the seals."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum


class ProblemKind(StrEnum):
    """What is wrong with a record, a link or a trigger."""

    ALTERED = "altered"  # its content differs from what was sealed
    DELETED = "deleted"  # sealed, and no longer there
    INSERTED = "inserted"  # final, with no seal: written outside Caseline
    BROKEN_LINK = "broken link"  # the link does not follow from the one before it
    TRIGGER_MISSING = "trigger missing"
    TRIGGER_CHANGED = "trigger changed"
    NO_SEALS = "no seals"  # the table of seals itself is gone
    ANCHOR = "anchor differs"  # the chain no longer leads to a head kept outside


@dataclass(frozen=True, slots=True)
class Problem:
    """One thing found wrong; ``str()`` gives it as one line, naming ids, never content."""

    kind: ProblemKind
    table: str  # the record's table, or the trigger's name
    row_id: int | None = None
    link: int | None = None  # the seal's id, when there is one

    def __str__(self) -> str:
        if self.kind in (ProblemKind.TRIGGER_MISSING, ProblemKind.TRIGGER_CHANGED):
            return f"{self.kind}: {self.table}"
        if self.kind is ProblemKind.ANCHOR:
            return (
                f"{self.kind}: link {self.row_id} is not the one kept outside "
                "(the chain was rewritten since)"
            )
        if self.kind is ProblemKind.NO_SEALS:
            return f"{self.kind}: the table {self.table} is missing"
        where = f"{self.table} {self.row_id}"
        if self.kind is ProblemKind.INSERTED:
            return f"{self.kind}: {where} is final and has no seal (written outside Caseline)"
        if self.kind is ProblemKind.BROKEN_LINK:
            return f"{self.kind}: seal {self.link} ({where}) does not follow from the one before"
        return f"{self.kind}: {where} (seal {self.link})"


@dataclass(frozen=True, slots=True)
class Head:
    """The newest link of the chain: its hash, how many links there are, and when it was made."""

    chain_hash: str
    count: int
    sealed_at: datetime | None  # naive UTC; None when nothing is sealed yet


@dataclass(frozen=True, slots=True)
class VerifyReport:
    """What a check looked at and everything it found wrong."""

    full: bool  # every link and record, or only the newest links
    links_checked: int
    records_checked: int  # final records looked for a seal (0 in a quick check)
    triggers_checked: int
    head: Head
    problems: tuple[Problem, ...]
    anchor: int | None = None  # the count of the head kept outside it was checked against

    @property
    def sound(self) -> bool:
        return not self.problems

    def records_wrong(self) -> int:
        """How many records (or triggers) the problems name, each once."""
        return len({(p.table, p.row_id) for p in self.problems})
