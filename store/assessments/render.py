"""Assessments as readable documents: the current one with its domains (each with its rating's
symbol), the ratings over time as a table, and the list of versions.

The same Markdown is shown on screen (Textual's Markdown widget) and exported (as Markdown, or
rendered to HTML by ``store.export``). Every plain field a person typed is escaped, so it reads
literally; the summary and the client's goals are Markdown by design, shown as written on
screen and, in an export (``quoted``), kept inside a block quote with raw HTML, images and
links to anything but the web or e-mail neutralised.
"""

from __future__ import annotations

from collections.abc import Sequence

from store.assessments.records import (
    AssessmentDetail,
    AssessmentHistory,
    AssessmentOverview,
    RatingCell,
    RatingsTable,
)
from store.assessments.rules import level as place_on
from store.common import dates
from store.common.markdown import clean_text, md_block, md_escape, md_inline, md_quote
from store.common.words import plural

__all__ = [
    "TREND_MARKS",
    "assessment_markdown",
    "cell_text",
    "history_markdown",
    "legend",
    "rating_symbol",
    "ratings_markdown",
    "versions_markdown",
]

# From least need to most; a scale of n ratings is spread over them.
SYMBOLS = ("○", "◔", "◑", "◕", "●")
NOT_RATED = "·"
OFF_SCALE = "?"  # a rating written on a scale no longer configured
# How a rating moved since the assessment before: up the scale is more need.
TREND_MARKS = {"worse": "▲", "better": "▼", "same": " ", "": " "}


def rating_symbol(at: int | None, size: int, *, rated: bool = True) -> str:
    """The symbol of the rating at place ``at`` on a scale of ``size`` ratings."""
    if not rated:
        return NOT_RATED
    if at is None:
        return OFF_SCALE
    if size <= 1:
        return SYMBOLS[-1]
    return SYMBOLS[round(at * (len(SYMBOLS) - 1) / (size - 1))]


def cell_text(cell: RatingCell, size: int) -> str:
    """A cell of the ratings table: the symbol, then ▲ (more need) or ▼ (less) or a blank."""
    return rating_symbol(cell.level, size, rated=bool(cell.rating)) + TREND_MARKS[cell.trend]


def legend(scale: Sequence[str]) -> str:
    """ "○ no need   ◔ low need   …   ▲ more need than before (worse)   ▼ less (better)", as plain
    text (three blanks apart: "·" is a mark of its own)."""
    marks = [f"{rating_symbol(i, len(scale))} {name}" for i, name in enumerate(scale)]
    marks += [f"{NOT_RATED} not rated", "▲ more need than before (worse)", "▼ less (better)"]
    return "   ".join(marks)


def _rating(rating: str, scale: Sequence[str]) -> str:
    if not rating:
        return f"{NOT_RATED} not rated"
    return f"{rating_symbol(place_on(rating, scale), len(scale))} {md_escape(rating)}"


def _text(text: str, *, quoted: bool) -> list[str]:
    """The summary or the goals: Markdown as written, or (an export) quoted and made safe."""
    if not text.strip():
        return ["*None written.*"]
    return [md_block(text)] if quoted else [clean_text(text).strip()]


def assessment_markdown(
    detail: AssessmentDetail,
    scale: Sequence[str],
    *,
    level: int = 2,
    title: str = "",
    quoted: bool = False,
) -> str:
    """One version: its facts, summary, the client's goals, each domain and any amendments."""
    head = "#" * level
    status = (
        f"finalised {dates.format_datetime(dates.to_local(detail.finalised_at))}"
        if detail.is_final and detail.finalised_at
        else "**draft, not yet finalised**"
    )
    out = []
    if title:
        out += [f"{head} {md_escape(title)}", ""]
    facts = f"As at {dates.format_date(detail.as_at)} · by {md_escape(detail.author_name)} · "
    out += [facts + status + ".", ""]
    out += [f"{head}# Summary", "", *_text(detail.summary, quoted=quoted), ""]
    out += [f"{head}# The client's goals", "", *_text(detail.goals, quoted=quoted), ""]
    out += [f"{head}# Domains", ""]
    for d in detail.domains:
        out += [f"{head}## {md_escape(d.name)} · {_rating(d.rating, scale)}", ""]
        said = False
        for label, value in (("Strengths", d.strengths), ("Needs or concerns", d.needs)):
            if value.strip():
                out += [f"**{label}:** {md_inline(value)}", ""]
                said = True
        if d.client_view.strip():
            out += ["**In the client's words:**", "", *md_quote(d.client_view), ""]
            said = True
        if not said:
            out += ["*Nothing recorded.*", ""]
    if detail.amendments:
        out += [f"{head}# Amendments", ""]
        for a in detail.amendments:
            when = dates.format_datetime(dates.to_local(a.created_at))
            out += [
                f"- **{when}, {md_escape(a.author_name)}:** {md_inline(a.reason)}",
                "",
                *md_quote(a.body, "  "),
                "",
            ]
    return "\n".join(out).rstrip() + "\n"


def ratings_markdown(table: RatingsTable, *, level: int = 2) -> str:
    """The ratings over time: a table of domains by final assessments, oldest first, with
    the legend beneath."""
    head = "#" * level
    out = [f"{head} Ratings over time", ""]
    if not table.columns:
        return "\n".join([*out, "No finalised assessment yet."]) + "\n"
    size = len(table.scale)
    dates_row = [dates.format_date(c.as_at) for c in table.columns]
    out.append("| Domain | " + " | ".join(dates_row) + " |")
    out.append("| --- |" + "|".join(" :-: " for _ in dates_row) + "|")
    for row in table.rows:
        cells = [f"{cell_text(c, size).strip()} {md_escape(c.rating)}".strip() for c in row.cells]
        out.append(f"| {md_escape(row.domain)} | " + " | ".join(cells) + " |")
    out += ["", md_escape(legend(table.scale))]
    return "\n".join(out) + "\n"


def versions_markdown(overview: AssessmentOverview, *, level: int = 2) -> str:
    """Every version, newest first: as-at day, author, status and amendments."""
    head = "#" * level
    out = [f"{head} Versions", ""]
    if not overview.versions:
        out.append("No assessment yet.")
    for v in overview.versions:
        state = (
            f"finalised {dates.format_date(dates.to_local(v.finalised_at).date())}"
            if v.is_final and v.finalised_at
            else "draft"
        )
        amended = f", {plural(v.amendments, 'amendment')}" if v.amendments else ""
        current = " (current)" if overview.current and overview.current.id == v.id else ""
        out.append(
            f"- As at {dates.format_date(v.as_at)}{current}: {md_escape(v.author_name)}, "
            f"{state}{amended}."
        )
    return "\n".join(out) + "\n"


def history_markdown(history: AssessmentHistory, scale: Sequence[str], *, level: int = 2) -> str:
    """The export's document: the current assessment, the ratings over time, the versions."""
    overview = history.overview
    parts = []
    if overview.current is None:
        parts.append(f"{'#' * level} The current assessment\n\nNo finalised assessment yet.\n")
    else:
        parts.append(
            assessment_markdown(
                overview.current,
                scale,
                level=level,
                title="The current assessment",
                quoted=True,
            )
        )
    parts += [ratings_markdown(history.ratings, level=level), versions_markdown(overview)]
    return "\n".join(parts)
