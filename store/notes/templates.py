"""Note templates, and the abbreviations that type them.

A template is a set of prompts for one kind of contact, so that a note written in a hurry still
says who was there, what was discussed and observed, what the client thinks, and what happens
next. Typing a template's abbreviation (";hv") anywhere a word could start replaces it with the
template and puts the cursor on the first prompt.

Prompts are lines ending in ": " (colon, space); the cursor goes to the end of the first one.
Agencies can change or add templates in the config file (mind editors that strip the space
after a prompt's colon; write "\\n" escapes in a one-line string to keep it)::

    [templates."home visit"]
    abbreviation = ";hv"
    body = "Purpose of visit: \\n\\nPresent: \\n\\nActions (who, what, by when): "
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass

__all__ = [
    "DEFAULT_TEMPLATES",
    "MAX_ABBREVIATION",
    "MIN_ABBREVIATION",
    "Template",
    "expand_abbreviation",
    "find_abbreviation",
    "prompt_labels",
    "template_for",
    "templates_from_config",
]

MIN_ABBREVIATION = 2
MAX_ABBREVIATION = 12
# Characters looked at before the cursor: the longest abbreviation and the one before it.
_LOOKBACK = MAX_ABBREVIATION + 1
_FIELDS = ("body", "abbreviation")


@dataclass(frozen=True)
class Template:
    """The prompts for one kind of note, and the abbreviation that types them."""

    key: str  # the note type it is for, e.g. "home visit"
    abbreviation: str  # e.g. ";hv"; "" for none
    body: str  # Markdown; prompt lines end with ": "


def _prompts(*labels: str) -> str:
    # A blank line between prompts keeps each answer its own paragraph in Markdown.
    return "\n\n".join(f"{label}: " for label in labels)


_VISIT_PROMPTS = (
    "Present (names and roles; who was seen alone)",
    "Discussed",
    "Observed (home conditions; how the child/adult presented)",
    "Client's views (in their own words)",
    "Analysis (what this means: needs, risks, strengths, progress)",
    "Outcome and actions (who, what, by when)",
)
_SENT_PROMPTS = ("To", "Summary", "Attachments", "Response needed by")

DEFAULT_TEMPLATES: tuple[Template, ...] = (
    # Purpose first: the first line of a note is what lists show.
    Template("home visit", ";hv", _prompts("Purpose of visit", *_VISIT_PROMPTS)),
    Template(
        "office visit",
        ";ov",
        _prompts(
            "Purpose of visit",
            "Present (names and roles)",
            "Discussed",
            "Observed (how the client presented)",
            "Client's views (in their own words)",
            "Analysis (what this means: needs, risks, strengths, progress)",
            "Outcome and actions (who, what, by when)",
        ),
    ),
    Template(
        "phone call",
        ";pc",
        _prompts(
            "Call (who called whom; number used)",
            "Purpose",
            "Discussed",
            "Agreed actions (who, what, by when)",
        ),
    ),
    Template(
        "video call",
        ";vc",
        _prompts(
            "Purpose of call",
            "Present (names and roles; platform used)",
            "Discussed",
            "Observed (how the client presented; surroundings)",
            "Client's views (in their own words)",
            "Outcome and actions (who, what, by when)",
        ),
    ),
    Template(
        "meeting",
        ";mt",
        _prompts(
            "Meeting (type, venue, chair)",
            "Present (names, agencies and roles)",
            "Apologies",
            "Client and family (attended? views given?)",
            "Discussed and information shared",
            "Decisions",
            "Actions (who, what, by when)",
        ),
    ),
    Template(
        "case note",
        ";cn",
        _prompts("What happened", "Analysis (what this means)", "Actions (who, what, by when)"),
    ),
    Template("email", ";em", _prompts(*_SENT_PROMPTS)),
    Template("letter", ";lt", _prompts(*_SENT_PROMPTS)),
)


def _norm_key(key: str) -> str:
    return " ".join(key.split()).casefold()


def templates_from_config(raw: Mapping[str, object] | None) -> tuple[Template, ...]:
    """The defaults, changed and extended by the config file's ``[templates]`` table.

    Each entry is keyed by note type; ``body`` and ``abbreviation`` replace the default's
    (either may be left out for a default template; a new one needs a body). An empty
    abbreviation turns expansion off for that template. Raises ValueError naming the
    template and field.
    """
    if raw is None:
        return DEFAULT_TEMPLATES
    if not isinstance(raw, Mapping):
        raise ValueError("templates: expected a table of templates keyed by note type")
    by_key = {_norm_key(t.key): t for t in DEFAULT_TEMPLATES}
    for name, entry in raw.items():
        key = " ".join(name.split()) if isinstance(name, str) else ""
        if not key:
            raise ValueError(f"templates: {name!r} is not a note type name")
        where = f'template "{key}"'
        if not isinstance(entry, Mapping):
            raise ValueError(f"{where}: expected a table with body and abbreviation")
        unknown = sorted(str(f) for f in entry if f not in _FIELDS)
        if unknown:
            raise ValueError(f"{where}: unknown field {unknown[0]!r} (use body, abbreviation)")
        base = by_key.get(_norm_key(key))
        body = entry.get("body", base.body if base else None)
        if body is None:
            raise ValueError(f"{where}: body is missing")
        if not isinstance(body, str):
            raise ValueError(f"{where}: body must be text, not {type(body).__name__}")
        body = body.replace("\r\n", "\n")
        if not body.strip():
            raise ValueError(f"{where}: body is empty")
        abbreviation = entry.get("abbreviation", base.abbreviation if base else "")
        if not isinstance(abbreviation, str):
            raise ValueError(
                f"{where}: abbreviation must be text, not {type(abbreviation).__name__}"
            )
        _check_abbreviation(where, abbreviation)
        by_key[_norm_key(key)] = Template(base.key if base else key, abbreviation, body)
    templates = tuple(by_key.values())
    _check_unique(templates)
    return templates


def _check_abbreviation(where: str, abbreviation: str) -> None:
    if not abbreviation:
        return
    if not MIN_ABBREVIATION <= len(abbreviation) <= MAX_ABBREVIATION:
        raise ValueError(
            f"{where}: abbreviation {abbreviation!r} must be "
            f"{MIN_ABBREVIATION} to {MAX_ABBREVIATION} characters"
        )
    if any(c.isspace() for c in abbreviation):
        raise ValueError(f"{where}: abbreviation {abbreviation!r} must not contain spaces")
    # Digits are refused too: "2nd" would expand in the middle of ordinary typing.
    if abbreviation[0].isalnum():
        raise ValueError(
            f"{where}: abbreviation {abbreviation!r} must start with a symbol such as ; or /"
        )


def _check_unique(templates: Sequence[Template]) -> None:
    owners: dict[str, str] = {}
    for t in templates:
        if not t.abbreviation:
            continue
        if t.abbreviation in owners:
            raise ValueError(
                f'template "{t.key}": abbreviation {t.abbreviation!r} is already used by '
                f'"{owners[t.abbreviation]}"'
            )
        owners[t.abbreviation] = t.key
    for short, short_key in owners.items():
        for long, long_key in owners.items():
            # ";h" would expand as soon as it was typed, so ";hv" could never be reached.
            if long != short and long.startswith(short):
                raise ValueError(
                    f'template "{long_key}": abbreviation {long!r} can never be typed, '
                    f'because {short!r} ("{short_key}") expands first'
                )


def template_for(note_type: str, templates: Sequence[Template]) -> Template | None:
    """The template for a note type (case and spacing ignored), or None."""
    wanted = _norm_key(note_type)
    return next((t for t in templates if _norm_key(t.key) == wanted), None)


def prompt_labels(templates: Sequence[Template]) -> frozenset[str]:
    """Every template's prompt labels ("Purpose of visit"), folded (case and spacing ignored),
    for the quality check to find headings left empty."""
    labels: set[str] = set()
    for template in templates:
        for line in template.body.split("\n"):
            text = line.strip()
            if text.endswith(":") and len(text) > 1:
                labels.add(_norm_key(text[:-1].lstrip("#*>- \t")))
    return frozenset(labels)


def find_abbreviation(text: str, cursor: int, templates: Sequence[Template]) -> Template | None:
    """The template whose abbreviation was just typed before ``cursor``, or None."""
    if not 0 < cursor <= len(text):
        return None
    tail = text[max(0, cursor - _LOOKBACK) : cursor]
    # At most one can match: the one before the cursor must follow whitespace, and
    # abbreviations start with a symbol, so one ending another ("/;hv", ";hv") fails that test.
    for template in templates:
        abbreviation = template.abbreviation
        if not abbreviation or not tail.endswith(abbreviation):
            continue
        start = cursor - len(abbreviation)
        if start > 0 and not text[start - 1].isspace():
            continue
        return template
    return None


def expand_abbreviation(
    text: str, cursor: int, templates: Sequence[Template]
) -> tuple[str, int] | None:
    """Replace an abbreviation just typed before ``cursor`` with its template.

    Returns the new text and cursor (str indices), the cursor at the end of the first prompt
    line (one ending in ": ") or else after the inserted body; None if nothing expands. The
    abbreviation must follow the start of the text or whitespace, so "x;hv" stays as typed.
    Runs on every keystroke, so it only looks at the few characters before the cursor.
    """
    template = find_abbreviation(text, cursor, templates)
    if template is None:
        return None
    start = cursor - len(template.abbreviation)
    body = template.body
    return text[:start] + body + text[cursor:], start + _first_prompt_end(body)


def _first_prompt_end(body: str) -> int:
    """Offset in ``body`` of the end of its first prompt line, or its length if none."""
    offset = 0
    for line in body.split("\n"):
        offset += len(line)
        if line.endswith(": "):
            return offset
        offset += 1
    return len(body)
