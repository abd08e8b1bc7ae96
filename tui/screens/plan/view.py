"""The read-only view of a whole plan, used for earlier plans and for a plan opened from the
chronology."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any, ClassVar

from textual.app import App, ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, VerticalScroll
from textual.widgets import Static

from store.common import dates
from store.common.words import plural
from tui.screens.base import CaselineScreen
from tui.screens.plan.forms import _app
from tui.text import assemble
from tui.widgets.footer import CaselineFooter
from tui.widgets.held_input import HoldsInput
from tui.widgets.markdown import SafeMarkdown
from tui.workers import run_store

if TYPE_CHECKING:
    from store.plans.records import PlanInfo, PlanListItem


def earlier_plans(app: App[Any], case_id: int, label: str) -> None:
    caseline = _app(app)
    store, me = caseline.store, caseline.me

    def show(plans: list[PlanListItem]) -> None:
        earlier = [p for p in plans if p.status != "current"]
        if not earlier:
            app.notify("This case has no earlier plans.", markup=False)
            return
        if len(earlier) == 1:
            app.push_screen(PlanViewScreen(earlier[0].id, label))
            return
        keys = "123456789"
        choices = [
            (
                keys[i],
                str(p.id),
                f"Plan {p.number}: {dates.format_date(p.started_on)} to "
                f"{dates.format_date(p.ended_on)} · {plural(p.goals, 'goal')} · "
                f"{plural(p.reviews, 'review')}",
            )
            for i, p in enumerate(earlier[: len(keys)])
        ]
        from tui.screens.choice import ChoiceScreen

        def chosen(value: str | None) -> None:
            if value is not None:
                app.push_screen(PlanViewScreen(int(value), label))

        app.push_screen(ChoiceScreen("Which plan?", choices), chosen)

    run_store(
        app,
        lambda: store.plans.for_case(me, case_id),
        done=show,
        name="plan-read",
        exclusive=False,
    )


class PlanViewScreen(HoldsInput, CaselineScreen[None]):
    """A whole plan as one document, read-only; for a review, scrolled to it."""

    DEFAULT_CSS = """
    PlanViewScreen #plan-doc { height: 1fr; padding: 0 1; }
    """
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("escape", "back", "Back", id="plan_view.back"),
    ]

    def __init__(self, plan_id: int | None, label: str, *, review_id: int | None = None) -> None:
        """Show plan ``plan_id``, or the plan of review ``review_id`` (that review first)."""
        super().__init__()
        self.plan_id = plan_id
        self.label = label
        self.review_id = review_id

    def compose(self) -> ComposeResult:
        with Horizontal(classes="title-bar"):
            yield Static("Loading…", id="plan-title", classes="title")
            yield Static(assemble(self.label), classes="who")
        with VerticalScroll(id="plan-doc"):
            yield SafeMarkdown(id="plan-body")
        yield CaselineFooter()

    def on_mount(self) -> None:
        store, me = self.caseline.store, self.caseline.me
        plan_id, review_id = self.plan_id, self.review_id

        def read() -> PlanInfo:
            if plan_id is not None:
                return store.plans.get(me, plan_id, opening=True)
            assert review_id is not None
            return store.plans.for_review(me, review_id, opening=True)

        self.read_then_let_through(read, done=self._show, name="plan-read")

    def _show(self, plan: PlanInfo) -> None:
        from store.plans.render import plan_markdown, review_markdown

        state = "current" if plan.is_current else "earlier, read-only"
        self.query_one("#plan-title", Static).update(f"Service plan {plan.number} ({state})")
        text = plan_markdown(plan, level=2)
        review = next((r for r in plan.reviews if r.id == self.review_id), None)
        if review is not None:
            text = review_markdown(review, plan, level=2) + "\n---\n\n" + text
        self.query_one("#plan-body", SafeMarkdown).show(text)
        self.query_one("#plan-doc").focus()

    def action_back(self) -> None:
        self.dismiss(None)
