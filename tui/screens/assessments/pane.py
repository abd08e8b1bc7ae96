"""The assessment tab: the current assessment rendered (each domain with its rating's symbol,
the summary and the client's goals as Markdown), and its keys: a new one, the draft edited and
finalised, an amendment, the ratings over time, two versions compared, a plan goal started from
a domain's needs, and the export."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import VerticalScroll
from textual.screen import Screen
from textual.widgets import Static

from store.assessments.render import assessment_markdown
from store.common import dates
from store.common.errors import StoreError
from store.common.words import plural
from store.plans.records import DOMAINS as PLAN_DOMAINS
from tui.screens.assessments import forms
from tui.screens.base import give_way
from tui.screens.case_file.tabs import CasePane
from tui.text import assemble
from tui.widgets.markdown import SafeMarkdown
from tui.widgets.textual_fixes import InOrderKeys
from tui.workers import read_in_turn, report, run_store

if TYPE_CHECKING:
    from textual.await_complete import AwaitComplete

    from store.assessments.records import AssessmentDetail, AssessmentOverview, DomainInfo
    from store.cases.records import CaseDetail

NONE_YET = "No assessment yet. Press N to start one with the client."
# Keys that change the case's records: hidden for a worker who may only read the case, and on
# a closed case.
WRITE_ACTIONS = frozenset({"new", "edit", "finalise", "amend", "goal"})
PICK_KEYS = "123456789abcdefhijklmnopqrstuvwxyz"


def plan_domain(name: str) -> str:
    """The plan's need a goal about this assessment domain is filed under ("mental health
    and coping" is "mental health"; "legal" is "other")."""
    folded = name.casefold()
    found = [d for d in PLAN_DOMAINS if d != "other" and d in folded]
    return max(found, key=len) if found else "other"


class AssessmentScroll(VerticalScroll, can_focus=False, inherit_bindings=False):
    """The assessment's scrolling area; the pane takes the keys."""


class AssessmentPane(InOrderKeys, CasePane, can_focus=True):
    """A case's current assessment and what is done with it."""

    DEFAULT_CSS = """
    AssessmentPane { height: 1fr; }
    AssessmentPane #assessment-status { height: auto; padding: 0 1; color: $text-muted; }
    AssessmentPane:focus #assessment-status { background: $boost; }
    AssessmentPane #assessment-scroll { height: 1fr; }
    AssessmentPane .assessment-empty { padding: 1 2; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "scroll(1)", "Down", show=False, id="assessment.down"),
        Binding("up,k", "scroll(-1)", "Up", show=False, id="assessment.up"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="assessment.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="assessment.page_up"),
        Binding(
            "N",
            "new",
            "New",
            tooltip="Start a new assessment: blank, or from the last one",
            show=False,  # the empty tab says N; the footer has no room at 80 columns
            id="assessment.new",
        ),
        Binding("e", "edit", "Edit", tooltip="Edit the draft assessment", id="assessment.edit"),
        Binding(
            "F",
            "finalise",
            "Finalise",
            tooltip="Make the draft a record (it can only be amended after)",
            id="assessment.finalise",
        ),
        Binding(
            "m",
            "amend",
            "Amend",
            tooltip="Add a correction to the current assessment",
            show=False,
            id="assessment.amend",
        ),
        Binding(
            "o",
            "ratings",
            "Over time",
            tooltip="Each domain's rating in every assessment, oldest first",
            id="assessment.ratings",
        ),
        Binding(
            "d",
            "compare",
            "Compare",
            tooltip="Two versions, with what changed marked",
            id="assessment.compare",
        ),
        Binding(
            "G",
            "goal",
            "Plan goal",
            tooltip="Start a plan goal for a domain's needs",
            id="assessment.goal",
        ),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="Export the assessment and its history to Markdown or printable HTML",
            show=False,
            id="assessment.export",
        ),
    ]

    def __init__(self, case_id: int, case_label: str, *, id: str | None = None) -> None:
        super().__init__(case_id, case_label, id=id)
        self.overview: AssessmentOverview | None = None
        self._found: tuple[str, int] | None = None  # what a search found, to show once read
        self._reading = False  # the tab is reading its assessments again

    def compose(self) -> ComposeResult:
        yield Static("Loading…", id="assessment-status")
        with AssessmentScroll(id="assessment-scroll"):
            # Hidden as made, not on mount (a tab built as the app closes can be left with no
            # parts by the time its mount is handled).
            empty = Static(NONE_YET, classes="assessment-empty", id="assessment-empty")
            doc = SafeMarkdown(id="assessment-doc")
            empty.display = doc.display = False
            yield empty
            yield doc

    # -- showing -------------------------------------------------------------------------

    def reload(self) -> None:
        self._reading = True
        run_store(self, self._overview_reader(), done=self.show, name="assessment-overview")

    def _overview_reader(self) -> Callable[[], AssessmentOverview]:
        store, me, case_id = self.caseline.store, self.caseline.me, self.case_id
        return lambda: store.assessments.overview(me, case_id)

    def show(self, overview: AssessmentOverview) -> None:
        self.overview = overview
        self._reading = False
        scale = self.caseline.config.assessment_scale
        status = self.query_one("#assessment-status", Static)
        empty = self.query_one("#assessment-empty", Static)
        doc = self.query_one("#assessment-doc", SafeMarkdown)
        shown = overview.current or overview.draft
        status.update(self._status(overview))
        rendered = None
        if shown is None:
            empty.update("No assessment was made." if self.closed else NONE_YET)
            empty.display, doc.display = True, False
        else:
            title = "Current assessment" if shown.is_final else "Draft assessment"
            rendered = doc.show(assessment_markdown(shown, scale, level=2, title=title))
            empty.display, doc.display = False, True
        if self._found is not None:
            self.call_later(self._show_found_in, rendered, *self._found)
        self.screen.refresh_bindings()

    def select_record(self, kind: str, record_id: int) -> None:
        """Show the assessment a search found (from its start) or its amendment (at the end,
        where the amendments are), once read; an earlier version is said to be one."""
        self._found = (kind, record_id)
        if self.overview is not None:
            self._show_found(kind, record_id)

    async def _show_found_in(
        self, rendered: AwaitComplete | None, kind: str, record_id: int
    ) -> None:
        if rendered is not None:
            await rendered  # the amendments are there to scroll to
        self._show_found(kind, record_id)

    def _show_found(self, kind: str, record_id: int) -> None:
        self._found = None
        overview = self.overview
        assert overview is not None
        current = overview.current
        scroll = self.query_one(AssessmentScroll)
        if current is not None and current.id == record_id:
            self.focus(scroll_visible=False)
            if kind == "assessment amendment":
                self.call_after_refresh(scroll.scroll_end, animate=False)
            else:
                scroll.scroll_home(animate=False)
            return
        earlier = next((v for v in overview.versions if v.id == record_id), None)
        if earlier is not None:
            message = (
                f"The assessment found (as at {dates.format_date(earlier.as_at)}) is an "
                "earlier version: the current one is shown, and d compares the two."
            )
        else:
            message = "The assessment found is no longer on this case."
        self.notify(message, markup=False)

    def _status(self, overview: AssessmentOverview) -> Any:
        finals = len(overview.finals)
        parts: list[str | tuple[str, str]] = [plural(finals, "finalised version")]
        draft = overview.draft
        if draft is not None:
            parts += [
                " · ",
                (f"draft as at {dates.format_date(draft.as_at)}", "bold"),
                f" by {draft.author_name}",
            ]
            if not (self.closed or self.read_only_reason):
                parts.append(" (e edits, F finalises)")
        elif overview.current is not None and not (self.closed or self.read_only_reason):
            parts.append(" · N starts the next")
        return assemble(*parts)

    # -- moving ----------------------------------------------------------------------------

    def action_scroll(self, step: int) -> None:
        self.query_one(AssessmentScroll).scroll_relative(y=step, animate=False)

    def action_page(self, step: int) -> None:
        scroll = self.query_one(AssessmentScroll)
        scroll.scroll_relative(y=step * max(1, scroll.size.height - 2), animate=False)

    # -- the keys --------------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        overview = self.overview
        if action in ("scroll", "page"):
            return True
        if overview is None:
            return False
        if action in WRITE_ACTIONS and (self.read_only_reason or self.closed or overview.closed):
            return False
        if action == "new":
            return overview.draft is None
        if action == "edit":
            # Also while the tab reads again (the editor just closed, the draft it saved not
            # read yet): `e` is this tab's then, and reads the draft in its turn.
            return overview.draft is not None or self._reading
        if action == "finalise":
            return overview.draft is not None
        if action == "amend":
            return overview.current is not None
        if action == "goal":
            current = overview.current
            return current is not None and any(d.needs.strip() for d in current.domains)
        if action == "compare":
            return len(overview.versions) >= 2
        if action in ("ratings", "export"):
            return bool(overview.versions)
        return True

    async def action_new(self) -> None:
        overview = self.overview
        if overview is None:
            return
        current = overview.current
        if current is None:
            await self._start(copy_last=False)
            return
        from tui.screens.choice import ChoiceScreen

        async def opens(answer: str, choice: Screen[Any]) -> None:
            await self._start(copy_last=answer == "last", leaving=choice)

        self.app.push_screen(
            ChoiceScreen(
                "Start a new assessment",
                [
                    (
                        "l",
                        "last",
                        f"From the last one (as at {dates.format_date(current.as_at)}): its "
                        "summary, goals and domains, to bring up to date",
                    ),
                    ("b", "blank", "Blank"),
                ],
                opens=opens,
            )
        )

    async def _start(self, *, copy_last: bool, leaving: Screen[Any] | None = None) -> None:
        """Start the draft and edit it, in the key's turn (in place of ``leaving``, the choice
        of how to start, if given): what is typed straight after goes into the editor."""
        caseline = self.caseline
        store, me, config, case_id = caseline.store, caseline.me, caseline.config, self.case_id
        draft = await read_in_turn(
            self.app,
            lambda: store.assessments.start(
                me,
                case_id,
                copy_last=copy_last,
                domains=config.assessment_domains,
                scale=config.assessment_scale,
            ),
            name="assessment-start",
        )
        if draft is not None and (leaving is None or give_way(leaving)):
            forms.edit(self.app, draft, self.case_label, self.reload)

    async def action_edit(self) -> None:
        overview = self.overview
        if overview is None or overview.draft is None:
            # The draft just saved is read in the key's turn: the keys typed after `e` wait,
            # and go into its editor rather than to this tab.
            overview = await read_in_turn(
                self.app, self._overview_reader(), name="assessment-overview"
            )
            if overview is None:
                return
            self.show(overview)
            if overview.draft is None:
                self.notify("There is no draft assessment to edit: N starts one.", markup=False)
                return
        forms.edit(self.app, overview.draft, self.case_label, self.reload)

    def action_finalise(self) -> None:
        draft = self.overview.draft if self.overview else None
        if draft is None:
            return
        from tui.screens.confirm import ConfirmScreen

        def answer(yes: bool | None) -> None:
            if yes:
                self._finalise(draft)

        self.app.push_screen(
            ConfirmScreen(
                f"Finalise the assessment as at {dates.format_date(draft.as_at)}?",
                "It becomes a record: from then on it is only amended, never changed.",
                yes="Finalise",
                no="Not yet",
            ),
            answer,
        )

    def _finalise(self, draft: AssessmentDetail) -> None:
        store, me = self.caseline.store, self.caseline.me

        def done(_: object) -> None:
            self.app.notify("Assessment finalised: it is now the current one.", markup=False)
            self.reload()

        def failed(error: StoreError) -> None:
            from store.common.errors import InvalidInput

            if isinstance(error, InvalidInput):
                self.app.notify(
                    " ".join(error.errors.values()) + " (e edits the draft.)",
                    severity="error",
                    markup=False,
                )
            else:
                report(self.app, error)
            self.reload()

        run_store(
            self,
            lambda: store.assessments.finalise(me, draft.id, version=draft.version),
            done=done,
            failed=failed,
            name="assessment-finalise",
        )

    def action_amend(self) -> None:
        if self.overview is not None and self.overview.current is not None:
            forms.amend(self.app, self.overview.current, self.reload)

    def action_ratings(self) -> None:
        from tui.screens.assessments.ratings import RatingsScreen

        self.app.push_screen(RatingsScreen(self.case_id, self.case_label))

    def action_compare(self) -> None:
        if self.overview is None:
            return
        from tui.screens.assessments.compare import CompareScreen

        self.app.push_screen(CompareScreen(self.case_label, self.overview.versions))

    async def action_goal(self) -> None:
        current = self.overview.current if self.overview else None
        if current is None:
            return
        needing = [d for d in current.domains if d.needs.strip()]
        if len(needing) == 1:
            await self._goal_for(needing[0])
            return
        from tui.screens.choice import ChoiceScreen

        async def opens(answer: str, choice: Screen[Any]) -> None:
            found = next((d for d in needing if str(d.position) == answer), None)
            if found is not None:
                await self._goal_for(found, leaving=choice)

        self.app.push_screen(
            ChoiceScreen(
                "A plan goal for the needs of which domain?",
                [
                    (key, str(d.position), f"{d.name}: {d.needs.strip().splitlines()[0][:50]}")
                    for key, d in zip(PICK_KEYS, needing, strict=False)
                ],
                opens=opens,
            )
        )

    async def _goal_for(self, domain: DomainInfo, *, leaving: Screen[Any] | None = None) -> None:
        """The plan's goal form prefilled with the domain's needs, once the plan is read, in
        the key's turn (in place of ``leaving``, the choice of domain, if given)."""
        store, me, case_id, app = self.caseline.store, self.caseline.me, self.case_id, self.app
        found = await read_in_turn(
            app, lambda: (store.plans.current(me, case_id),), name="assessment-plan"
        )
        if found is None or (leaving is not None and not give_way(leaving)):
            return
        (plan,) = found
        if plan is None:
            app.notify(
                "This case has no service plan yet: start one on the plan tab (5, then N), "
                "then press G here again.",
                severity="warning",
                markup=False,
                timeout=8,
            )
            return
        from tui.screens.plan.forms import add_goal

        prefill = {"domain": plan_domain(domain.name), "change": domain.needs.strip()}
        if domain.client_view.strip():
            prefill["relevance"] = domain.client_view.strip()
        add_goal(app, plan, prefill=prefill)

    async def action_export(self) -> None:
        caseline = self.caseline
        store, me, config, case_id = caseline.store, caseline.me, caseline.config, self.case_id
        scale, domains = config.assessment_scale, config.assessment_domains

        def read() -> tuple[CaseDetail, Any]:
            detail = store.cases.get(me, case_id)
            return detail, store.assessments.history(me, case_id, scale=scale, domains=domains)

        # In the key's turn: a format chosen straight after `x` is the export's.
        found = await read_in_turn(self.app, read, name="assessment-read")
        if found is not None:
            from tui.screens.assessments.export import assessment_export
            from tui.screens.export import ExportScreen

            detail, history = found
            self.app.push_screen(ExportScreen(detail, assessment_export(detail, history, scale)))
