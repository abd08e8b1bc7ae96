"""What a search gives back: plain records for the screen."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

# Around the matching words of a snippet: control characters, which no record's text holds
# (the index drops them), for the screen to turn into highlighting.
MARK = "\x02"
END_MARK = "\x03"

# The kinds a search can be narrowed to, as the index groups them, and what each is called.
KINDS: dict[str, str] = {
    "notes": "Notes and their amendments",
    "chronology": "Chronology entries",
    "summary": "Case summaries",
    "plan": "Plans: goals, actions and reviews",
    "minutes": "Meeting minutes and their amendments",
    "assessment": "Assessments and their amendments",
    "referrals": "Referrals out and in",
}

PAGE_SIZE = 50
# "Best match" ranks at most this many of the newest matches: a word in every record never
# costs a ranking of the whole index.
RANKED_AT_MOST = 1000


@dataclass(frozen=True)
class SearchHit:
    """One record found: its case, kind and date, and where the words matched."""

    case_id: int
    case_ref: str
    client_name: str
    kind: str  # "note", "note amendment", "chronology", "minutes", ...
    record_id: int  # the record to open: the note an amendment is of, the minutes, ...
    on: date | None
    snippet: str  # the matching words between MARK and END_MARK; the rest plain text
    key: int  # its place in the index


@dataclass(frozen=True)
class SearchPage:
    """A page of results, newest first or best first; ``next_page`` asks for the next."""

    hits: tuple[SearchHit, ...]
    next_page: int | None  # None: no more
    searched: bool  # False: nothing typed could be searched for (no words)
    ranked: bool = False


def spans(snippet: str) -> list[tuple[str, bool]]:
    """A snippet as (text, matched) pieces, in order."""
    pieces: list[tuple[str, bool]] = []
    for i, part in enumerate(snippet.split(MARK)):
        if i == 0:
            if part:
                pieces.append((part.replace(END_MARK, ""), False))
            continue
        matched, _, rest = part.partition(END_MARK)
        if matched:
            pieces.append((matched, True))
        if rest:
            pieces.append((rest, False))
    return pieces
