"""The assessment's forms: the draft's editor (the summary, the client's goals and each
domain's four fields, in one scrolling form), an amendment, and the question a new one asks.

The editor is a ``FormScreen`` saving the draft against its version (someone else's save is
shown beneath it, nothing typed lost). What is typed is kept as a form draft as it is typed,
so a crash loses nothing; escape saves the draft, and when what is typed can't be saved yet
(a date that doesn't read) the next escape leaves with it kept for next time.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from pathlib import PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App

from store.assessments.rules import domain_key
from store.common import dates
from store.common.errors import Conflict, InvalidInput, StoreError
from tui.screens.form import Field, FormScreen
from tui.widgets.conflict import ConflictNotice
from tui.widgets.date_field import TODAY_IF_BLANK
from tui.workers import run_store

if TYPE_CHECKING:
    from store.assessments.records import AssessmentDetail
    from tui.host import CaselineHost

AMEND_FIELDS = [
    Field("reason", "Why", "what was wrong or missing"),
    Field("body", "Correction", multiline=True),
]


def _app(app: App[Any]) -> CaselineHost:
    return app  # type: ignore[return-value]


def editor_fields(draft: AssessmentDetail, scale: Sequence[str]) -> list[Field]:
    """The editor's fields: the assessment's own, then each domain's, headed by its name."""
    fields = [
        Field("as_at", "As at", "the day it speaks for, e.g. today", date=TODAY_IF_BLANK),
        Field("summary", "Summary", multiline=True),
        Field("goals", "Client's goals", multiline=True),
    ]
    ratings = tuple(scale)
    for d in draft.domains:
        # A rating written on a scale no longer configured stays offered (FormScreen keeps it).
        fields += [
            Field(
                domain_key(d.position, "strengths"),
                "Strengths",
                multiline=True,
                note=f"{d.position}. {d.name}",
            ),
            Field(domain_key(d.position, "needs"), "Needs", multiline=True),
            Field(domain_key(d.position, "client_view"), "In their words", multiline=True),
            Field(domain_key(d.position, "rating"), "Rating", "not rated", choices=ratings),
        ]
    return fields


def editor_values(draft: AssessmentDetail) -> dict[str, str]:
    values = {
        "as_at": dates.format_date(draft.as_at),
        "summary": draft.summary,
        "goals": draft.goals,
    }
    for d in draft.domains:
        for field in ("strengths", "needs", "client_view", "rating"):
            values[domain_key(d.position, field)] = d.field(field)
    return values


class AssessmentEditor(FormScreen):
    """The draft assessment's editor: ctrl+s or escape saves the draft."""

    # The form's look, with shorter text boxes.
    CSS_PATH: ClassVar[str | list[str | PurePath]] = ["../form.tcss", "editor.tcss"]
    LEAVING_A_DRAFT: ClassVar[str] = "Escape saves it into the draft assessment."
    _leave_next = False

    def _conflicted(self, conflict: Conflict) -> None:
        """Someone else saved first: theirs shown with each domain's field named by its domain
        ("housing: Needs"), the next save going over it."""
        if conflict.version is not None:
            self.version = conflict.version
        labels: dict[str, str] = {}
        domain = ""
        for field in self.fields:
            if field.note:  # the first field of a domain: "4. housing"
                domain = field.note.partition(". ")[2] or domain
            at = field.name.startswith("d") and field.name[1:2].isdigit()
            labels[field.name] = f"{domain}: {field.label}" if at and domain else field.label
        self.query_one(ConflictNotice).show(conflict, labels)

    def action_cancel(self) -> None:
        if self.values() == self.initial:
            self._discard_and_close()
        elif self._leave_next:
            # Can't be saved as it is: keep it as typed, offered again next time. What is
            # typed meanwhile waits: for the screen beneath once closed (for the form if not).
            self.hold_input()
            run_store(
                self,
                self._draft_writer(self.values()),
                done=self._saved_nothing,
                failed=self.not_done,
                name="form",
            )
        else:
            self._leave_next = True
            self.action_save()

    def _save_failed(self, error: StoreError) -> None:
        super()._save_failed(error)
        if isinstance(error, InvalidInput) and self._leave_next:
            self.notify(
                "Not saved: put right what is marked, or press escape again to leave it as "
                "typed (offered again next time).",
                severity="warning",
                markup=False,
            )


def edit(
    app: App[Any],
    draft: AssessmentDetail,
    label: str,
    then: Callable[[], None] | None = None,
) -> None:
    """Open the draft's editor; ``then`` runs once it closes, saved or not."""
    caseline = _app(app)
    store, me, config = caseline.store, caseline.me, caseline.config
    scale, dayfirst = config.assessment_scale, config.dayfirst

    def save(form: dict[str, str], version: int) -> AssessmentDetail:
        return store.assessments.save_draft(
            me, draft.id, form, version=version, scale=scale, dayfirst=dayfirst
        )

    def closed(result: AssessmentDetail | None) -> None:
        if result is not None:
            app.notify("Draft assessment saved. F finalises it.", markup=False)
        if then is not None:
            then()

    copied = " · copied from the last one" if draft.copied_from else ""
    app.push_screen(
        AssessmentEditor(
            "Assessment (draft)",
            editor_fields(draft, scale),
            editor_values(draft),
            save,
            subtitle=f"{label}{copied}",
            draft_key=f"assessment:{draft.id}",
            version=draft.version,
        ),
        closed,
    )


def amend(app: App[Any], current: AssessmentDetail, then: Callable[[], None] | None = None) -> None:
    caseline = _app(app)
    store, me = caseline.store, caseline.me

    def closed(result: object) -> None:
        if result is not None:
            app.notify("Amendment added; the assessment stays as it was.", markup=False)
        if then is not None:
            then()

    app.push_screen(
        FormScreen(
            f"Amend the assessment as at {dates.format_date(current.as_at)}",
            AMEND_FIELDS,
            {},
            lambda form: store.assessments.amend(
                me, current.id, reason=form["reason"], body=form["body"]
            ),
            subtitle="kept beside it; the assessment itself never changes",
            draft_key=f"assessment_amend:{current.id}",
        ),
        closed,
    )
