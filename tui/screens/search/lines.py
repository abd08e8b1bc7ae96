"""A search result as the list shows it: when, what and whose on one line, the words matched
in context beneath, highlighted. The record's text is data, never markup."""

from __future__ import annotations

from textual.content import Content

from store.common import dates
from store.search.records import SearchHit, spans
from tui.text import assemble

MATCHED_STYLE = "bold reverse"


def hit_heading(hit: SearchHit) -> Content:
    day = dates.format_date(hit.on) if hit.on else "—"
    return assemble(
        (f"{day:<11}", "bold"),
        " ",
        (f"{hit.kind:<14}", "italic"),
        " ",
        (hit.case_ref, "bold"),
        " · ",
        hit.client_name,
    )


def hit_snippet(hit: SearchHit) -> Content:
    pieces = [(text, MATCHED_STYLE) if matched else text for text, matched in spans(hit.snippet)]
    return assemble("  ", *pieces) if pieces else assemble("")


def hit_line(hit: SearchHit) -> Content:
    return Content("\n").join([hit_heading(hit), hit_snippet(hit)])


# The kind filter as the filter line names it (short: it shares the line at 80 columns).
SHORT_KINDS = {
    "notes": "notes only",
    "chronology": "chronology only",
    "summary": "summaries only",
    "plan": "plans only",
    "minutes": "minutes only",
    "assessment": "assessments only",
    "referrals": "referrals only",
}


def kind_label(kind: str) -> str:
    return SHORT_KINDS.get(kind, "every kind") if kind else "every kind"
