"""Two versions of a case's assessment, one under the other: each field that changed, with
words taken out struck through and words put in underlined (in colour too), and how many
stayed the same. The two are chosen at the top; by default the latest and the one before."""

from __future__ import annotations

from collections.abc import Sequence
from typing import ClassVar

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.widgets import Label, Select, Static

from store.assessments.records import AssessmentSummary, Comparison, FieldChange
from store.common import dates
from store.common.textsafe import strip_control, visible_parts
from store.common.words import plural
from tui.screens.base import CaselineScreen
from tui.text import MARK_STYLE, assemble, choices
from tui.widgets.footer import CaselineFooter
from tui.workers import run_store

TAKEN_OUT = "strike $text-error"
PUT_IN = "underline $text-success"
KIND_STYLES = {"changed": "bold", "added": "bold $text-success", "removed": "bold $text-error"}


def text(value: str, style: str = "") -> Content:
    """Multi-line user text as literal Content in ``style``, invisible characters marked."""
    return Content.assemble(
        *(
            (piece, f"{style} {MARK_STYLE}".strip() if mark else style)
            for piece, mark in visible_parts(strip_control(value))
        )
    )


def field_content(change: FieldChange) -> Content:
    """One changed field: its name and what happened, then the text with the changes marked."""
    where = f"{change.domain} · {change.field}" if change.domain else change.field
    head = assemble((where, "bold"), " — ", (change.kind, KIND_STYLES.get(change.kind, "")))
    if change.kind == "added":
        body = text(change.new, PUT_IN)
    elif change.kind == "removed":
        body = text(change.old, TAKEN_OUT)
    else:
        styles = {"delete": TAKEN_OUT, "insert": PUT_IN, "equal": ""}
        parts: list[Content] = []
        for before, word in zip((None, *change.words), change.words, strict=False):
            # A space between what was taken out and what was put in, so the two read apart
            # where a terminal shows neither strike-through nor colour.
            if (
                before is not None
                and (before.op, word.op) == ("delete", "insert")
                and not before.text[-1:].isspace()
            ):
                parts.append(Content(" "))
            parts.append(text(word.text, styles[word.op]))
        body = Content.assemble(*parts)
    return Content("\n").join([head, body, Content("")])


def comparison_content(comparison: Comparison) -> Content:
    changed = comparison.changed
    if not changed:
        return Content("The two are the same, field for field.")
    return Content("\n").join(field_content(c) for c in changed)


def _label(v: AssessmentSummary) -> str:
    return f"{dates.format_date(v.as_at)} ({'final' if v.is_final else 'draft'})"


class CompareScreen(CaselineScreen[None]):
    """Two versions of an assessment compared."""

    DEFAULT_CSS = """
    CompareScreen #compare-pick { height: auto; padding: 0 1; }
    CompareScreen #compare-pick Label { padding: 0 1 0 0; }
    CompareScreen #compare-pick Select { width: 1fr; margin: 0 1 0 0; }
    CompareScreen #compare-summary { padding: 0 1; color: $text-muted; }
    CompareScreen #compare-scroll { height: 1fr; padding: 0 1; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", tooltip="Back to the assessment", id="compare.back"),
    ]

    def __init__(self, label: str, versions: Sequence[AssessmentSummary]) -> None:
        super().__init__()
        self.label = label
        # Oldest first, as they are read: the default is the last against the one before.
        self.versions = sorted(versions, key=lambda v: (v.as_at, v.id))

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static(assemble(("Compare", "bold"), " · ", self.label), classes="title")
        options = choices([(_label(v), v.id) for v in reversed(self.versions)])
        older = self.versions[-2].id if len(self.versions) > 1 else Select.NULL
        newer = self.versions[-1].id if self.versions else Select.NULL
        with Horizontal(id="compare-pick"):
            yield Label("Older")
            yield Select(options, value=older, allow_blank=False, id="older", compact=True)
            yield Label("Newer")
            yield Select(options, value=newer, allow_blank=False, id="newer", compact=True)
        yield Static("Loading…", id="compare-summary")
        with VerticalScroll(id="compare-scroll"):
            yield Static("", id="compare-changes")
        yield CaselineFooter()

    def on_mount(self) -> None:
        self.query_one("#compare-scroll").focus()
        self._load()

    @on(Select.Changed)
    def _chosen(self) -> None:
        self._load()

    def _load(self) -> None:
        older = self.query_one("#older", Select).value
        newer = self.query_one("#newer", Select).value
        if not isinstance(older, int) or not isinstance(newer, int):
            return
        if older == newer:
            self.query_one("#compare-summary", Static).update("Choose two different versions.")
            self.query_one("#compare-changes", Static).update("")
            return
        caseline = self.caseline
        run_store(
            self,
            lambda: caseline.store.assessments.compare(caseline.me, older, newer),
            done=self._show,
            name="assessment-compare",
        )

    def _show(self, comparison: Comparison) -> None:
        changed = len(comparison.changed)
        same = len(comparison.changes) - changed
        self.query_one("#compare-summary", Static).update(
            assemble(
                f"{plural(changed, 'field')} changed, {same} the same; struck through: taken "
                "out, underlined: put in."
            )
        )
        self.query_one("#compare-changes", Static).update(comparison_content(comparison))

    def action_back(self) -> None:
        self.dismiss(None)
