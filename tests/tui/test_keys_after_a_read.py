"""Keys that read something before they open a form, with the keys typed straight after them
in one burst (a slow link delivers them together). The read is held up here until every key
has been handed on, as a busy database would hold it: the keys wait for the form and are typed
into it, rather than acting on the screen beneath (`y`, `e`, `s`, `t` are the case file's)."""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from textual.pilot import Pilot

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.choice import ChoiceScreen
from tui.screens.export import ExportScreen
from tui.screens.form import FormScreen
from tui.screens.meetings.conferences import ConferencesScreen
from tui.widgets.date_field import DateInput

from .helpers import burst, form_shown, loaded, pushed
from .test_assessment_ui import assessed, editor_open, open_assessment
from .test_conferences_ui import _with_meeting
from .test_plan_ui import _with_plan, open_plan
from .waiting import keys_handed_on, meanwhile, until

MakeApp = Callable[..., CaselineApp]


class Held:
    """A store call held up until ``release``; ``calls`` counts the calls made."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> None:
        self.calls = 0
        self._go = threading.Event()
        real = getattr(owner, name)

        def held(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            self._go.wait(15)
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, held)

    async def release_once_typed(self, pilot: Pilot[None]) -> None:
        """Wait until the key has begun the read and every key after it has been handed on
        by the app, then let the read finish."""
        app = pilot.app
        await meanwhile(lambda: self.calls == 1)
        await keys_handed_on(app)
        self._go.set()


@pytest.fixture
def released() -> Iterator[list[Held]]:
    held: list[Held] = []
    yield held
    for each in held:
        each._go.set()  # a test that failed leaves no thread waiting


async def open_case(pilot: Pilot[None]) -> CaseFileScreen:
    await loaded(pilot)
    await pilot.press("enter")
    await until(pilot, lambda: isinstance(pilot.app.screen, CaseFileScreen))
    screen = pilot.app.screen
    assert isinstance(screen, CaseFileScreen)
    await until(pilot, lambda: screen.detail is not None)
    await loaded(pilot)
    return screen


@pytest.mark.parametrize(
    ("key", "owner", "read"),
    [("t", "workers", "active"), ("L", "cases", "restriction"), ("H", "handover", "pack")],
    ids=["transfer", "restriction", "handover-export"],
)
async def test_escape_straight_after_the_key_closes_what_it_opened(
    make_app: MakeApp,
    monkeypatch: pytest.MonkeyPatch,
    released: list[Held],
    key: str,
    owner: str,
    read: str,
) -> None:
    """The form's first field is a choice (a worker, yes or no) or the export's file name:
    escape, typed with the key, closes that, and the case stays open. Before, it closed the
    case, and the form opened over the caseload once the read was done."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        case_file = await open_case(pilot)
        opened = pushed(app)
        held = Held(monkeypatch, getattr(app.store, owner), read)
        released.append(held)
        burst(app, key, "escape")
        await held.release_once_typed(pilot)
        await until(pilot, lambda: len(opened) == 1)
        await until(pilot, lambda: app.screen is case_file)
        await loaded(pilot)
        assert app.screen is case_file
        assert opened == [ExportScreen if key == "H" else FormScreen]


async def test_the_date_typed_after_n_goes_into_the_next_meeting(
    make_app: MakeApp, seeded_db: Path, monkeypatch: pytest.MonkeyPatch, released: list[Held]
) -> None:
    _with_meeting(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot)
        await pilot.press("M")
        await until(pilot, lambda: isinstance(app.screen, ConferencesScreen))
        await loaded(pilot)
        held = Held(monkeypatch, app.store.conferences, "get")
        released.append(held)
        burst(app, "N", "ctrl+u", *"+6w")
        await held.release_once_typed(pilot)
        form = await form_shown(pilot)
        await until(pilot, lambda: form.values()["next_meeting_on"] == "+6w")
        assert [type(s) for s in app.screen_stack[2:]] == [ConferencesScreen, FormScreen]


async def test_escape_straight_after_x_on_the_plan_closes_the_export(
    make_app: MakeApp, seeded_db: Path, monkeypatch: pytest.MonkeyPatch, released: list[Held]
) -> None:
    _with_plan(seeded_db)
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        pane = await open_plan(pilot)
        await until(pilot, lambda: pane.plan is not None)
        await loaded(pilot)
        case_file = app.screen
        opened = pushed(app)
        held = Held(monkeypatch, app.store.cases, "get")
        released.append(held)
        burst(app, "x", "escape")
        await held.release_once_typed(pilot)
        await until(pilot, lambda: len(opened) == 1)
        await until(pilot, lambda: app.screen is case_file)
        await loaded(pilot)
        assert app.screen is case_file
        assert opened == [ExportScreen]


async def test_the_day_typed_with_tab_after_the_worker_goes_into_the_transfer(
    make_app: MakeApp, monkeypatch: pytest.MonkeyPatch, released: list[Held]
) -> None:
    """`t`, then `tab` out of the worker's choice and the day, in one burst: the choice box
    takes its keys in order, so the day goes into the next field, not into the choice box
    before `tab` had moved on from it."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_case(pilot)
        held = Held(monkeypatch, app.store.workers, "active")
        released.append(held)
        burst(app, "t", "tab", "ctrl+u", *"yesterday")
        await held.release_once_typed(pilot)
        form = await form_shown(pilot)
        await until(pilot, lambda: form.values()["on"] == "yesterday")
        assert "worker" in form.values()  # the transfer's


async def test_words_typed_after_choosing_one_of_a_goals_actions_go_into_it(
    make_app: MakeApp, seeded_db: Path, monkeypatch: pytest.MonkeyPatch, released: list[Held]
) -> None:
    """`s` on a goal of two actions asks which; `2` and the words after it, together: who may
    own the action is read before its form opens, and the words wait for the form."""
    plan = _with_plan(seeded_db)
    store = Store.open(seeded_db)
    try:
        me = store.workers.ensure("sam.okafor")
        what = {"what": "Ask for a rent statement", "owner": "worker", "due_on": "1/12/2026"}
        store.plans.add_action(me, plan.goals[0].id, what)
    finally:
        store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_plan(pilot)
        await pilot.press("down", "s")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        held = Held(monkeypatch, app.store.plans, "action_owners")
        released.append(held)
        burst(app, "2", "end", *" now")
        await held.release_once_typed(pilot)
        form = await form_shown(pilot)
        await until(pilot, lambda: form.values()["what"] == "Ask for a rent statement now")


async def test_the_date_typed_after_starting_from_the_last_assessment_goes_into_it(
    make_app: MakeApp, seeded_db: Path, monkeypatch: pytest.MonkeyPatch, released: list[Held]
) -> None:
    """`N` asks how to start; `l` and a date typed with it: the draft is made before its
    editor opens (held up here), and the date waits for the editor rather than going to the
    assessment tab, whose keys `e`, `d`, `o` are."""
    assessed(seeded_db, "high need")
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_assessment(pilot)
        await pilot.press("N")
        await until(pilot, lambda: isinstance(app.screen, ChoiceScreen))
        held = Held(monkeypatch, app.store.assessments, "start")
        released.append(held)
        burst(app, "l", "ctrl+u", *"yesterday")
        await held.release_once_typed(pilot)
        await editor_open(pilot)
        await until(pilot, lambda: app.screen.query_one("#as_at", DateInput).value == "yesterday")
