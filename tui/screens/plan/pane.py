"""The plan tab: the current service plan as one document, each goal a block with its actions
and its review history beneath it. Up and down move between goals; the keys act on the goal
that has the focus."""

from __future__ import annotations

from itertools import pairwise
from typing import TYPE_CHECKING, ClassVar

from textual import events
from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical, VerticalScroll
from textual.message import Message
from textual.widget import Widget
from textual.widgets import Markdown, Static
from textual.widgets.markdown import MarkdownBlock

from store.common import dates
from store.plans.render import goal_markdown, plan_header_markdown
from tui.screens.plan import forms, view
from tui.widgets.markdown import SafeMarkdown
from tui.widgets.textual_fixes import InOrderKeys, run_bindings
from tui.workers import read_in_turn

if TYPE_CHECKING:
    from store.plans.records import GoalInfo, PlanInfo

NO_PLAN = "No service plan yet. Press N to start one with the client."
NO_GOALS = "No goals yet. Press g to add the first one."


class GoalBlock(InOrderKeys, Vertical, can_focus=True):
    """One goal of the plan, rendered; focusable so the plan's keys know which goal."""

    DEFAULT_CSS = """
    GoalBlock {
        height: auto;
        border-left: blank;
        padding: 0 0 1 0;
    }
    GoalBlock:focus {
        border-left: thick $accent;
        background: $boost;
    }
    GoalBlock.-closed SafeMarkdown {
        color: $text-muted;
    }
    GoalBlock .-found-action {
        background: $accent-muted;
        text-style: bold;
    }
    """

    class ActionMarked(Message):
        """An action's line was marked for the first time since it was chosen: to be shown."""

        def __init__(self, block: GoalBlock, line: Widget) -> None:
            super().__init__()
            self.block = block
            self.line = line

    def __init__(self, goal: GoalInfo) -> None:
        super().__init__(id=f"goal-{goal.id}")
        self.goal = goal
        # The action chosen on this goal (a search found it): its line marked, and the
        # plan's keys for one action act on it. None when no action is chosen.
        self.chosen_action: int | None = None
        self._shown = False  # whether the chosen action's line has been brought into view

    def compose(self) -> ComposeResult:
        yield SafeMarkdown(goal_markdown(self.goal, level=2))

    def on_mount(self) -> None:
        self.set_class(not self.goal.is_open, "-closed")

    def show(self, goal: GoalInfo) -> None:
        self.goal = goal
        self.set_class(not goal.is_open, "-closed")
        if self.chosen_action is not None and all(a.id != self.chosen_action for a in goal.actions):
            self.chosen_action = None
        self.query_one(SafeMarkdown).show(goal_markdown(goal, level=2))

    def choose_action(self, action_id: int | None) -> None:
        """Mark this action's line (None: no action) and bring it into view once drawn."""
        self.chosen_action, self._shown = action_id, False
        self._mark()

    def _mark(self) -> None:
        for marked in self.query(".-found-action"):
            marked.remove_class("-found-action")
        line = self._action_line()
        if line is None:
            return
        line.add_class("-found-action")
        if not self._shown:
            self._shown = True
            self.post_message(self.ActionMarked(self, line))

    def _action_line(self) -> Widget | None:
        """The chosen action's line in the rendered goal (None before it is rendered)."""
        index = next(
            (i for i, a in enumerate(self.goal.actions) if a.id == self.chosen_action), None
        )
        if index is None:
            return None
        blocks = list(self.query_one(SafeMarkdown).children)
        for head, following in pairwise(blocks):
            if isinstance(head, MarkdownBlock) and (head.source or "").strip() == "### Actions":
                lines = following.query_children(Horizontal)  # one per action, in order
                return lines[index] if index < len(lines) else None
        return None

    def on_markdown_table_of_contents_updated(self, event: Markdown.TableOfContentsUpdated) -> None:
        # The goal drawn (again): its actions' lines are new, so the chosen one is marked anew.
        if self.chosen_action is not None:
            self._mark()

    def on_blur(self, event: events.Blur) -> None:
        if self.screen.focused is not self:  # another goal, or the plan, has the focus now
            self.choose_action(None)


class PlanScroll(VerticalScroll, can_focus=False, inherit_bindings=False):
    """The plan's scrolling area; the pane and its goals take the keys."""


class PlanPane(InOrderKeys, Widget, can_focus=True):
    """The current plan of a case (or the invitation to start one); keys are taken in the
    order they were typed, so text typed straight after `/` reaches the notes' filter."""

    async def _on_key(self, event: events.Key) -> None:
        focused = self.screen.focused
        if focused is not None and focused is not self and self in focused.ancestors:
            # A key bubbling up from a focused goal: its bindings run here, as the app would
            # run them, and it is not taken again below (InOrderKeys would send it back to
            # the goal).
            if await run_bindings(self.app, event.key):
                event.stop()
            event.prevent_default()

    DEFAULT_CSS = """
    PlanPane { height: 1fr; }
    PlanPane:focus #plan-header { background: $boost; }
    PlanPane #plan-scroll { height: 1fr; }
    PlanPane #plan-header { height: auto; color: $text-muted; }
    PlanPane #plan-goals { height: auto; }
    PlanPane .plan-empty { padding: 1 2; color: $text-muted; }
    """

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("down,j", "next_goal", "Next goal", show=False, id="plan.next"),
        Binding("up,k", "previous_goal", "Previous goal", show=False, id="plan.previous"),
        Binding("pagedown", "page(1)", "Page down", show=False, id="plan.page_down"),
        Binding("pageup", "page(-1)", "Page up", show=False, id="plan.page_up"),
        Binding("g", "add_goal", "Goal", tooltip="Add a goal to the plan", id="plan.add_goal"),
        Binding(
            "e", "edit_goal", "Edit", tooltip="Reword the highlighted goal", id="plan.edit_goal"
        ),
        Binding(
            "a", "add_action", "Action", tooltip="Add an action to the goal", id="plan.add_action"
        ),
        Binding(
            "s",
            "update_action",
            "Status",
            tooltip="Change one of the goal's actions (done, dropped...)",
            id="plan.update_action",
        ),
        Binding(
            "R", "review", "Review", tooltip="Review the plan with the client", id="plan.review"
        ),
        Binding(
            "N",
            "new_plan",
            "New plan",
            tooltip="Start a new plan (the current one is kept, read-only)",
            show=False,  # the footer has no room at 80 columns; the empty plan says "N"
            id="plan.new",
        ),
        Binding(
            "S",
            "schedule",
            "Schedule",
            tooltip="Change the plan's start or review schedule",
            show=False,
            id="plan.schedule",
        ),
        Binding(
            "x",
            "export",
            "Export",
            tooltip="Export the plan and its reviews to Markdown or printable HTML",
            show=False,
            id="plan.export",
        ),
        Binding(
            "P",
            "earlier_plans",
            "Earlier plans",
            tooltip="Read the case's earlier plans",
            show=False,
            id="plan.earlier",
        ),
    ]

    def __init__(self, case_id: int, case_label: str = "", *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.case_id = case_id
        self.case_label = case_label  # "CL-2026-0001 · Dana Reyes", for the forms' titles
        self.plan: PlanInfo | None = None
        self.loaded = False
        self.closed_case = False  # a closed case: its plan can be read, not changed
        # A goal just added (shown from its start) or given an action (shown to its end, where
        # the actions are), to be focused when the plan is next shown.
        self._focus_next: tuple[int, bool] | None = None
        self._found: tuple[str, int] | None = None  # a search's goal or action, to show

    def compose(self) -> ComposeResult:
        with PlanScroll(id="plan-scroll"):
            # Hidden as made, not on mount: a tab built as the app closes can be left with
            # no parts by the time its mount is handled, and a query then raised.
            header = SafeMarkdown(id="plan-header")
            header.display = False
            yield header
            yield Static("Loading…", classes="plan-empty", id="plan-empty")
            yield Vertical(id="plan-goals")

    # -- showing -------------------------------------------------------------------------

    @property
    def focused_goal(self) -> GoalInfo | None:
        focused = self.screen.focused
        if isinstance(focused, GoalBlock):
            return focused.goal
        if self.plan is not None and self.plan.goals:
            return self.plan.goals[0]
        return None

    async def show(self, plan: PlanInfo | None) -> None:
        """Show ``plan``, keeping the focus on the same goal if it is still there."""
        self.loaded = True
        self.plan = plan
        empty = self.query_one("#plan-empty", Static)
        header = self.query_one("#plan-header", SafeMarkdown)
        goals = self.query_one("#plan-goals", Vertical)
        if plan is None:
            empty.update("No service plan was made." if self.closed_case else NO_PLAN)
            empty.display = True
            header.display = False
            await goals.remove_children()
            self.screen.refresh_bindings()
            return
        title = f"**Service plan {plan.number}**"
        header.show(
            f"{title} · {plan_header_markdown(plan, dates.today(), case_closed=self.closed_case)}"
        )
        header.display = True
        empty.update(NO_GOALS)
        empty.display = not plan.goals
        focused = self.screen.focused
        keep = focused.goal.id if isinstance(focused, GoalBlock) else None
        added, self._focus_next = self._focus_next, None
        blocks = {b.goal.id: b for b in goals.query(GoalBlock)}
        if list(blocks) == [g.id for g in plan.goals]:
            for goal in plan.goals:
                blocks[goal.id].show(goal)
        else:
            await goals.remove_children()
            await goals.mount_all([GoalBlock(g) for g in plan.goals])
        if added is not None and goals.query(f"#goal-{added[0]}"):
            block = goals.query_one(f"#goal-{added[0]}")
            block.focus(scroll_visible=False)
            self.call_after_refresh(self._bring_into_view, block, added[1])
        elif keep is not None and goals.query(f"#goal-{keep}"):
            goals.query_one(f"#goal-{keep}").focus(scroll_visible=False)
        if self._found is not None:
            self._show_found(*self._found)
        self.screen.refresh_bindings()  # which keys apply depends on the plan

    def select_record(self, kind: str, record_id: int) -> None:
        """Focus the goal a search found (a "plan goal"), or for an action it found (a "plan
        action") its goal with the action's own line marked and in view (``s`` then changes
        that action), once the plan is shown."""
        self._found = (kind, record_id)
        if self.loaded:
            self._show_found(kind, record_id)

    def _show_found(self, kind: str, record_id: int) -> None:
        self._found = None
        goals = self.plan.goals if self.plan is not None else ()
        action = kind == "plan action"
        if action:
            goal = next((g for g in goals if any(a.id == record_id for a in g.actions)), None)
        else:
            goal = next((g for g in goals if g.id == record_id), None)
        found = self.query(f"#goal-{goal.id}") if goal is not None else None
        if not found:
            what = "action" if action else "goal"
            self.notify(
                f"The {what} found is no longer in the case's current plan "
                "(P reads the earlier plans).",
                markup=False,
            )
            return
        block = found.first()
        block.focus(scroll_visible=False)
        if isinstance(block, GoalBlock) and action:
            block.choose_action(record_id)  # brought into view once its line is drawn
        else:
            self.call_after_refresh(self._bring_into_view, block, False)

    def on_goal_block_action_marked(self, event: GoalBlock.ActionMarked) -> None:
        event.stop()
        self.call_after_refresh(self._bring_line_into_view, event.block, event.line)

    def _bring_line_into_view(self, block: Widget, line: Widget) -> None:
        """Scroll to the goal's start, or far enough to show the action's line beneath it."""
        scroll = self.query_one("#plan-scroll", VerticalScroll)
        offset = round(scroll.scroll_y) - scroll.region.y
        top = block.region.y + offset
        top = max(top, line.region.bottom + offset - scroll.scrollable_content_region.height)
        scroll.scroll_to(y=top, animate=False, immediate=True)

    def focus_goal(self, goal_id: int) -> None:
        found = self.query(f"#goal-{goal_id}")
        if found:
            found.first().focus()

    # -- moving ----------------------------------------------------------------------------

    def _move(self, step: int) -> None:
        blocks = list(self.query(GoalBlock))
        scroll = self.query_one("#plan-scroll", VerticalScroll)
        if not blocks:
            scroll.scroll_relative(y=step, animate=False)
            return
        focused = self.screen.focused
        index = blocks.index(focused) if focused in blocks else (-1 if step > 0 else len(blocks))
        target = index + step
        if 0 <= target < len(blocks):
            blocks[target].focus(scroll_visible=False)
            scroll.scroll_to_widget(blocks[target], top=True, animate=False)
        elif target < 0:
            self.focus(scroll_visible=False)
            scroll.scroll_home(animate=False)

    def action_page(self, step: int) -> None:
        scroll = self.query_one("#plan-scroll", VerticalScroll)
        scroll.scroll_relative(y=step * max(1, scroll.size.height - 2), animate=False)

    def action_next_goal(self) -> None:
        focused = self.screen.focused
        # Within a goal taller than the screen, scroll through it before moving on.
        if isinstance(focused, GoalBlock):
            scroll = self.query_one("#plan-scroll", VerticalScroll)
            bottom = focused.region.bottom
            if bottom > scroll.region.bottom:
                scroll.scroll_relative(y=max(1, scroll.size.height // 2), animate=False)
                return
        self._move(1)

    def action_previous_goal(self) -> None:
        focused = self.screen.focused
        if isinstance(focused, GoalBlock):
            scroll = self.query_one("#plan-scroll", VerticalScroll)
            if focused.region.y < scroll.region.y:
                scroll.scroll_relative(y=-max(1, scroll.size.height // 2), animate=False)
                return
        self._move(-1)

    # -- the plan's keys -------------------------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        plan = self.plan
        if self.closed_case and action not in (
            "next_goal",
            "previous_goal",
            "page",
            "earlier_plans",
            "export",
        ):
            return False
        if action in ("add_goal", "review", "schedule"):
            return plan is not None
        if action == "export":
            return plan is not None
        if action in ("edit_goal", "add_action"):
            goal = self.focused_goal
            return goal is not None and goal.is_open
        if action == "update_action":
            goal = self.focused_goal
            return goal is not None and bool(goal.actions)
        return self.loaded

    def _bring_into_view(self, block: Widget, end: bool) -> None:
        """Scroll to a goal's start, or (``end``) far enough to show its last line."""
        scroll = self.query_one("#plan-scroll", VerticalScroll)
        top = block.region.y - scroll.region.y + round(scroll.scroll_y)
        if end:
            top = max(top, top + block.outer_size.height - scroll.scrollable_content_region.height)
        scroll.scroll_to(y=top, animate=False, immediate=True)

    def _show_next(self, goal_id: int, *, end: bool = False) -> None:
        """Focus this goal when the plan is next shown (after the form that changed it)."""
        self._focus_next = (goal_id, end)

    def action_add_goal(self) -> None:
        if self.plan is not None:
            forms.add_goal(self.app, self.plan, then=lambda added: self._show_next(added.id))

    def action_edit_goal(self) -> None:
        goal = self.focused_goal
        if goal is not None:
            forms.edit_goal(self.app, goal)

    async def action_add_action(self) -> None:
        goal = self.focused_goal
        if self.plan is not None and goal is not None:
            await forms.add_action(
                self.app, self.plan, goal, then=lambda _: self._show_next(goal.id, end=True)
            )

    async def action_update_action(self) -> None:
        goal = self.focused_goal
        focused = self.screen.focused
        chosen = focused.chosen_action if isinstance(focused, GoalBlock) else None
        if self.plan is not None and goal is not None:
            await forms.update_action(self.app, self.plan, goal, action_id=chosen)

    def action_review(self) -> None:
        if self.plan is not None:
            forms.review(self.app, self.plan, self.case_label)

    def action_new_plan(self) -> None:
        forms.new_plan(self.app, self.case_id, self.plan, self.case_label)

    def action_schedule(self) -> None:
        if self.plan is not None:
            forms.schedule(self.app, self.plan, self.case_label)

    async def action_export(self) -> None:
        plan = self.plan
        if plan is None:
            return
        app = self.app
        store, me = app.store, app.me  # type: ignore[attr-defined]
        # In the key's turn: a format chosen straight after `x` is the export's.
        detail = await read_in_turn(
            app, lambda: store.cases.get(me, plan.case_id), name="plan-read"
        )
        if detail is not None:
            from tui.screens.export import ExportScreen, plan_export

            app.push_screen(ExportScreen(detail, plan_export(detail, plan)))

    def action_earlier_plans(self) -> None:
        view.earlier_plans(self.app, self.case_id, self.case_label)
