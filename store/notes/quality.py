"""Prompts about the quality of a case note, shown when it is saved.

A note is read later by people who were not there: a colleague covering, a manager, an
auditor, a court, the client. It has to say what was seen, heard and done, and what happens
next ("Client reported receiving an eviction notice on 4/10 ... Follow-up 4/12"), not an
impression ("client was upset"). These checks point out common gaps; they never block a save,
so they lean towards saying too little rather than nagging about good notes.

Pure functions: no database, no clock (the caller passes ``now``).

Decisions on borderline wording (see the tests for examples):

- A sentence with a number other than a date or time ("attendance 98%", "3 nights"), with
  quoted speech, or with "e.g."/"such as"/"for example"/"including" is taken to carry its own
  detail, so vague words in it are not flagged. Dates and times do not count: "seemed fine
  on 4/10" is still vague.
- Quoted speech is the client's own words and is never flagged ("I'm fine").
- "appropriate" is flagged even in "referred to the appropriate team": the reader after a
  transfer cannot tell which team. "appropriate adult" (the UK legal role) and hyphenated
  compounds ("age-appropriate") are not.
- "fine" is not flagged as a noun ("a fine", "parking fine"), in "fine motor", or in
  agreement ("fine with", "happy to"); word boundaries keep "fined" and "define" out.
- Template prompts left empty ("Actions (who, what, by when): " with nothing after) are
  ignored, so an unfilled template neither counts as an action nor as length.
- A template's heading left empty is pointed out ("Purpose of visit:" with nothing after it,
  nor on the lines before the next heading): the reader can't tell "nothing to say" from
  "forgot". Only the headings of the templates count, so a line of the worker's own ending
  in a colon is never questioned.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Iterable, Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from store.common.dates import format_datetime, to_utc
from store.notes.templates import DEFAULT_TEMPLATES, prompt_labels

__all__ = [
    "ACTION_PATTERNS",
    "ACTION_PHRASES",
    "DETAIL_PHRASES",
    "NOT_VAGUE_PATTERNS",
    "VAGUE_PHRASES",
    "VISIT_TYPES",
    "QualityIssue",
    "check_note",
]

# Contacts in person (or on video): these should say who was there and what was observed.
VISIT_TYPES: tuple[str, ...] = ("home visit", "office visit", "meeting", "video call")

SHORT_NOTE_CHARS = 40
# Clocks drift and "now" is typed to the minute; only flag dates clearly ahead.
FUTURE_TOLERANCE = timedelta(minutes=5)
MAX_VAGUE_ISSUES = 3

# Impressions without evidence. Matched case-insensitively as whole words; spaces match any
# run of whitespace. Longer phrases win over shorter ones at the same place.
VAGUE_PHRASES: tuple[str, ...] = (
    "was upset",
    "is upset",
    "seemed upset",
    "seems upset",
    "appeared upset",
    "looked upset",
    "seemed fine",
    "seems fine",
    "seemed ok",
    "seems ok",
    "seemed okay",
    "seems okay",
    "seemed well",
    "seems well",
    "appeared well",
    "appears well",
    "appeared fine",
    "looked well",
    "looked fine",
    "looked ok",
    "was happy",
    "seemed happy",
    "appeared happy",
    "seemed settled",
    "appeared settled",
    "doing well",
    "doing fine",
    "doing ok",
    "doing okay",
    "fine",
    "all good",
    "all fine",
    "all ok",
    "good visit",
    "as usual",
    "nothing to report",
    "no concerns",
    "no issues",
    "engaged well",
    "presented well",
    "appropriate",
    "inappropriate",
    "appropriately",
    "inappropriately",
)

# Legitimate uses of the words above (regular expressions, case-insensitive). A vague match
# that overlaps one of these is not flagged.
NOT_VAGUE_PATTERNS: tuple[str, ...] = (
    r"\bfine\s+motor\b",
    r"\b(?:a|the|parking|court|council|library|speeding)\s+fine\b",
    # Agreement, not a description: "happy to", "fine with the plan", "ok for me to".
    r"\b(?:fine|ok|okay|happy|alright)\s+(?:with|to|for)\b",
    r"\bappropriate\s+adults?\b",
)

# Words that introduce specifics in the same sentence.
DETAIL_PHRASES: tuple[str, ...] = ("e.g.", "eg", "for example", "such as", "including")

# Wording that says what was decided or what happens next.
ACTION_PHRASES: tuple[str, ...] = (
    "agreed",
    "agree",
    "agrees",
    "will",
    "plan",
    "plans",
    "next",
    "follow-up",
    "follow up",
    "followup",
    "followed up",
    "following up",
    "referral",
    "referred",
    "refer",
    "arranged",
    "arrange",
    "booked",
    "scheduled",
    "to do",
    "action",
    "actions",
    "review",
    "contact again",
    "visit again",
    "call again",
    "chase",
    "requested",
    "awaiting",
    "awaited",
    "decided",
    "decision",
    "outcome",
    "no further action",
    "nfa",
)

_MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)(?!\w)\.?"
)
_WEEKDAY = (
    r"(?:mon(?:day)?|tue(?:s(?:day)?)?|wed(?:s|nesday)?|thu(?:r(?:s(?:day)?)?)?|fri(?:day)?"
    r"|sat(?:urday)?|sun(?:day)?)(?!\w)"
)

# Next-step wording that needs more than a word list (regular expressions, case-insensitive).
ACTION_PATTERNS: tuple[str, ...] = (
    # "by 4/12", "by Friday", "before the end of the month", "by next week".
    rf"\b(?:by|before)\s+(?:\d|the\s+end\b|end\s+of\b|next\b|this\s+\w+|tomorrow\b"
    rf"|{_WEEKDAY}|{_MONTH})",
    # "Mum to call the GP", "worker to send the form".
    r"\bto\s+(?:call|ring|phone|contact|visit|send|email|write|attend|chase|complete|book"
    r"|apply|check|speak|update|confirm)\b",
)

_GENERIC_HINT = "Say what you saw or heard (e.g. what the client said, how the home looked)."
_HINTS: dict[str, str] = {
    **dict.fromkeys(
        ("appropriate", "inappropriate", "appropriately", "inappropriately"),
        "Say what made it so, or name it (e.g. which team, what the child was wearing).",
    ),
    **dict.fromkeys(
        ("no concerns", "no issues", "nothing to report"),
        "Say what you checked and what you found (e.g. school attendance, the child's weight).",
    ),
}


@dataclass(frozen=True)
class QualityIssue:
    """One thing the worker may want to improve before saving."""

    code: str  # "future", "vague", "no_action", "too_short", "no_present"
    message: str  # shown to the worker; quotes the phrase when there is one
    excerpt: str = ""  # the offending phrase as it appears in the text, if any


def _phrase_regex(phrases: Iterable[str], *, word: str = r"\w") -> re.Pattern[str]:
    # Longest first: at one position the regex engine takes the first alternative that fits.
    alternatives = sorted({" ".join(p.split()) for p in phrases if p.strip()}, key=len)
    body = "|".join(r"\s+".join(map(re.escape, p.split())) for p in reversed(alternatives))
    return re.compile(rf"(?<!{word})(?:{body})(?!{word})", re.IGNORECASE)


def _any_regex(patterns: Iterable[str]) -> re.Pattern[str]:
    return re.compile("|".join(f"(?:{p})" for p in patterns), re.IGNORECASE)


# Hyphens count as part of a word so "age-appropriate" and "fine-tuned" are left alone.
_VAGUE = _phrase_regex(VAGUE_PHRASES, word=r"[\w-]")
_NOT_VAGUE = _any_regex(NOT_VAGUE_PATTERNS)
_DETAIL = _phrase_regex(DETAIL_PHRASES)
_ACTION = _any_regex((_phrase_regex(ACTION_PHRASES).pattern, *ACTION_PATTERNS))

# Quoted speech: straight or curly quotes. A single quote opens only after a non-word character
# and closes only before one, so apostrophes ("client's", "don't") are not quotes.
_QUOTED = re.compile(
    r"\"[^\"]*\"|\u201c[^\u201d]*\u201d"
    r"|(?<!\w)'(?:[^'\n]|'(?=\w))*?'(?!\w)"
    r"|(?<!\w)\u2018(?:[^\u2018\u2019\n]|\u2019(?=\w))*?\u2019(?!\w)",
)
_QUOTE_MARK = "\ue000"  # private-use character standing in for quoted text

_DATE_OR_TIME = re.compile(
    rf"""
    \b\d{{4}}-\d{{1,2}}-\d{{1,2}}\b
    | \b\d{{1,2}}[/.-]\d{{1,2}}[/.-]\d{{2,4}}\b
    | \b\d{{1,2}}/\d{{1,2}}\b
    | \b\d{{1,2}}:\d{{2}}(?:\s*[ap]\.?m\.?)?
    | \b\d{{1,2}}(?:\.\d{{2}})?\s*[ap]\.?m\b\.?
    | \b\d{{1,2}}(?:st|nd|rd|th)?\s+(?:of\s+)?{_MONTH}(?:\s+\d{{4}})?
    | (?<!\w){_MONTH}\s+\d{{1,2}}(?:st|nd|rd|th)?\b(?:,?\s+\d{{4}}\b)?
    | \b\d{{1,2}}(?:st|nd|rd|th)\b
    | \b(?:19|20)\d{{2}}\b
    """,
    re.IGNORECASE | re.VERBOSE,
)
_DIGIT = re.compile(r"\d")

# Sentence ends: . ! ? before whitespace, and every line break (bullets, prompts).
_SENTENCE_END = re.compile(r"[.!?]+(?=\s)|\n")
_ABBREVIATIONS = frozenset(
    {"e.g", "eg", "i.e", "ie", "etc", "dr", "mr", "mrs", "ms", "approx", "vs"}
)

# A prompt line with nothing typed after it: "Discussed: ", "## Actions (who, when):".
_BARE_PROMPT = re.compile(r"[^\n:]{1,80}:[ \t]*")
_PRESENT_LINE = re.compile(
    r"^[ \t#*>-]*(?:who\s+was\s+)?present\b[^:\n]*:[ \t]*\S", re.IGNORECASE | re.MULTILINE
)


def check_note(
    *,
    body: str,
    note_type: str,
    contact_at: datetime,
    now: datetime,
    follow_up_on: date | None,
    present: str = "",
    headings: Collection[str] | None = None,
) -> list[QualityIssue]:
    """Problems with a note about to be saved, most important first.

    ``contact_at`` and ``now`` are compared as given; if one is naive and the other aware, the
    naive one is taken as local wall-clock time (as typed in the editor). ``headings`` are the
    templates' prompt labels (``templates.prompt_labels``); None means the default templates'.
    """
    text = _without_unfilled_prompts(body)
    kind = " ".join(note_type.split()).casefold()
    issues: list[QualityIssue] = []
    issues.extend(_future(contact_at, now))
    labels = prompt_labels(DEFAULT_TEMPLATES) if headings is None else headings
    issues.extend(_empty_headings(body, labels))
    issues.extend(_vague(text))
    issues.extend(_no_action(text, follow_up_on))
    if kind in VISIT_TYPES:
        issues.extend(_too_short(text, kind))
        issues.extend(_no_present(text, present, kind))
    return issues


def _future(contact_at: datetime, now: datetime) -> list[QualityIssue]:
    """A contact cannot have happened yet: usually a typo in the date or in the year."""
    at, ref = contact_at, now
    if (at.tzinfo is None) != (ref.tzinfo is None):
        at, ref = _aware(at), _aware(ref)
    if at - ref <= FUTURE_TOLERANCE:
        return []
    shown = format_datetime(contact_at)
    return [
        QualityIssue(
            "future",
            f"This note is dated in the future ({shown}). Check the date and time of the contact.",
        )
    ]


def _aware(dt: datetime) -> datetime:
    return dt if dt.tzinfo is not None else to_utc(dt)


def _heading_of(line: str, labels: Collection[str]) -> tuple[str, bool] | None:
    """(label, has text after it) if ``line`` starts with a template heading, else None."""
    stripped = line.strip().lstrip("#*>- \t").strip()
    # Labels may hold a colon themselves ("Analysis (what this means: needs, ...)").
    for i, ch in enumerate(stripped):
        if ch == ":" and _fold_label(stripped[:i]) in labels:
            return stripped[:i].strip(), bool(stripped[i + 1 :].strip())
    return None


def _fold_label(label: str) -> str:
    return " ".join(label.split()).casefold()


def _empty_headings(body: str, labels: Collection[str]) -> list[QualityIssue]:
    """Template headings with nothing written under them before the next heading."""
    folded = {_fold_label(label) for label in labels}
    if not folded:
        return []
    empty: list[str] = []
    open_heading: str | None = None  # a bare heading still waiting for its answer
    for line in body.split("\n"):
        heading = _heading_of(line, folded)
        if heading is not None:
            if open_heading is not None:
                empty.append(open_heading)
            label, answered = heading
            open_heading = None if answered else label
        elif line.strip():
            open_heading = None
    if open_heading is not None:
        empty.append(open_heading)
    if not empty:
        return []
    names = [f'"{label.split(" (")[0]}"' for label in empty]
    shown = ", ".join(names[:4]) + (f" and {len(names) - 4} more" if len(names) > 4 else "")
    return [
        QualityIssue(
            "empty_heading",
            f"Template heading{'s' if len(names) > 1 else ''} left empty: {shown}. Write what "
            'goes there (or "none"), or delete the ones that don\'t apply.',
        )
    ]


def _vague(text: str) -> list[QualityIssue]:
    """Impressions ("seemed fine") tell a later reader nothing they can check or act on."""
    masked = _QUOTED.sub(lambda m: _QUOTE_MARK * len(m.group()), text)
    issues: list[QualityIssue] = []
    seen: set[str] = set()
    for sentence in _sentences(masked):
        if _has_detail(sentence):
            continue
        allowed = [m.span() for m in _NOT_VAGUE.finditer(sentence)]
        for match in _VAGUE.finditer(sentence):
            start, end = match.span()
            if any(s < end and start < e for s, e in allowed):
                continue
            excerpt = match.group()
            key = " ".join(excerpt.split()).casefold()
            if key in seen:
                continue
            seen.add(key)
            shown = " ".join(excerpt.split())
            hint = _HINTS.get(key, _GENERIC_HINT)
            issues.append(QualityIssue("vague", f'Vague wording: "{shown}". {hint}', excerpt))
            if len(issues) == MAX_VAGUE_ISSUES:
                return issues
    return issues


def _sentences(text: str) -> Iterator[str]:
    start = 0
    for end in _SENTENCE_END.finditer(text):
        if end.group() != "\n":
            before = text[start : end.start()].rsplit(None, 1)
            # "e.g. coat and boots" is one sentence, not two.
            if before and before[-1].casefold() in _ABBREVIATIONS:
                continue
        yield text[start : end.end()]
        start = end.end()
    yield text[start:]


def _has_detail(sentence: str) -> bool:
    if _QUOTE_MARK in sentence:
        return True
    if _DIGIT.search(_DATE_OR_TIME.sub(" ", sentence)):
        return True
    return _DETAIL.search(sentence) is not None


def _no_action(text: str, follow_up_on: date | None) -> list[QualityIssue]:
    """Every contact should end with what happens next, or a date to come back to it."""
    if follow_up_on is not None or _ACTION.search(text):
        return []
    return [
        QualityIssue(
            "no_action",
            "No follow-up date and no next step. Add a follow-up date or say what happens next "
            "(who, what, by when).",
        )
    ]


def _too_short(text: str, kind: str) -> list[QualityIssue]:
    """A visit or meeting in one line cannot say who was there, what was said and seen."""
    if len(" ".join(text.split())) >= SHORT_NOTE_CHARS:
        return []
    return [
        QualityIssue(
            "too_short",
            f"Very short for a {kind}. Record who was present, what was discussed and what "
            "you observed.",
        )
    ]


def _no_present(text: str, present: str, kind: str) -> list[QualityIssue]:
    """Who was there (and who was seen alone) matters to every later reader of a visit."""
    if present.strip() or _PRESENT_LINE.search(text):
        return []
    return [
        QualityIssue(
            "no_present",
            f"No one is recorded as present at this {kind}. Record who was present "
            "(names and roles).",
        )
    ]


def _without_unfilled_prompts(body: str) -> str:
    """The body without template prompts left empty.

    A bare "Label:" line is kept when text follows on the next lines ("Agreed:" then a list),
    and dropped when the next non-blank line is another bare prompt or there is none.
    """
    lines = body.split("\n")
    keep = [True] * len(lines)
    next_is_prompt_or_end = True
    for i in range(len(lines) - 1, -1, -1):
        line = lines[i]
        if not line.strip():
            continue
        bare = _BARE_PROMPT.fullmatch(line) is not None
        if bare and next_is_prompt_or_end:
            keep[i] = False
        next_is_prompt_or_end = bare
    return "\n".join(line for line, k in zip(lines, keep, strict=True) if k)
