"""The directory from the keyboard: ``D`` on the caseload, searching as one types (accents and
case ignored), a service read in full with its eligibility first, adding one with bad then good
input, correcting one, and choosing a service for another screen (``pick_service``)."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from textual.screen import Screen
from textual.widgets import Input

from store.resources.records import ServiceSummary
from store.service import Store
from tests.store.test_resources import FOOD_BANK
from tui.app import CaselineApp
from tui.screens.base import give_way
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.directory import pick_service
from tui.screens.directory.screen import DirectoryScreen, ServiceTable
from tui.screens.directory.service import ServiceScreen
from tui.screens.form import FormScreen

from .held import Held
from .helpers import burst, enter_then_escape, form_shown, loaded, type_text, visible_text
from .waiting import until

ZOE = {
    "organisation": "Zoë's Place",
    "name": "Café Zoë drop-in",
    "eligibility": "Young people who are homeless or at risk.",
    "min_age": "16",
    "max_age": "25",
    "categories": "Housing, Young people",
}
DEBT = {"organisation": "Citywide Advice", "name": "Debt advice line", "categories": "Money"}


@pytest.fixture
def directory_db(seeded_db: Path) -> Path:
    store = Store.open(seeded_db)
    try:
        me = store.workers.named("sam.okafor")
        for service in (FOOD_BANK, ZOE, DEBT):
            store.resources.add(me, service)
    finally:
        store.close()
    return seeded_db


def shown(app: CaselineApp) -> list[str]:
    tables = app.screen.query(ServiceTable)  # none while the screen is still being built
    return [row.service_name for row in tables.first().rows] if tables else []


async def open_directory(pilot: object, app: CaselineApp) -> None:
    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("D")  # type: ignore[attr-defined]
    await until(pilot, lambda: isinstance(app.screen, DirectoryScreen))  # type: ignore[arg-type]
    await until(pilot, lambda: len(shown(app)) == 3)  # type: ignore[arg-type]


async def test_search_then_read_a_service_with_its_eligibility_first(
    make_app: Callable[..., CaselineApp], directory_db: Path
) -> None:
    app = make_app(db=directory_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        assert shown(app) == ["Café Zoë drop-in", "Debt advice line", "Riverside Food Bank"]
        assert isinstance(app.focused, Input)  # the search box: typing searches at once
        await type_text(pilot, "zoe")
        await until(pilot, lambda: shown(app) == ["Café Zoë drop-in"])
        assert "1 service · enter reads" in visible_text(app)
        await pilot.press("escape", "enter")  # to the list, and open the service
        await until(pilot, lambda: isinstance(app.screen, ServiceScreen))
        await loaded(pilot)
        text = visible_text(app)
        assert "Café Zoë drop-in · Zoë's Place" in text
        assert text.index("Who it is for") < text.index("Young people who are homeless")
        assert "Ages       16 to 25" in text
        assert "Categories Housing, Young people" in text
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, DirectoryScreen))
        await pilot.press("escape")  # clears the search
        await until(pilot, lambda: len(shown(app)) == 3)
        await pilot.press("escape")
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))


async def test_a_search_that_finds_nothing_says_so(
    make_app: Callable[..., CaselineApp], directory_db: Path
) -> None:
    app = make_app(db=directory_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        await type_text(pilot, "[bold]nothing like this")
        await until(pilot, lambda: shown(app) == [])
        assert "No services match" in visible_text(app)
        assert "[bold]nothing like this" in visible_text(app)  # as typed, never markup


async def test_adding_a_service_shows_each_problem_then_saves(
    make_app: Callable[..., CaselineApp], directory_db: Path
) -> None:
    app = make_app(db=directory_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        await pilot.press("escape", "a")
        await until(pilot, lambda: isinstance(app.screen, FormScreen))
        await type_text(pilot, "Hope Church")  # the organisation; no name yet
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "The service's name is required." in visible_text(app))
        assert app.focused is not None and app.focused.id == "name"
        await type_text(pilot, "Warm Space")
        await pilot.press("tab", "tab")  # past eligibility, to the lowest age
        await type_text(pilot, "25")
        await pilot.press("tab")
        await type_text(pilot, "16")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "The highest age is below the lowest (25)." in visible_text(app))
        assert app.focused is not None and app.focused.id == "max_age"
        await pilot.press("backspace", "backspace")
        await type_text(pilot, "99")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, DirectoryScreen))
        await until(pilot, lambda: "Warm Space" in shown(app))
        table = app.screen.query_one(ServiceTable)
        assert table.highlighted is not None and table.highlighted.service_name == "Warm Space"
    store = Store.open(directory_db)
    try:
        me = store.workers.named("sam.okafor")
        [found] = store.resources.search(me, "warm space")
        assert (found.organisation_name, found.min_age, found.max_age) == ("Hope Church", 25, 99)
    finally:
        store.close()


async def test_correcting_a_service_from_its_page(
    make_app: Callable[..., CaselineApp], directory_db: Path
) -> None:
    app = make_app(db=directory_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        await pilot.press("escape", "end", "enter")  # Riverside Food Bank
        await until(pilot, lambda: isinstance(app.screen, ServiceScreen))
        await loaded(pilot)
        await pilot.press("e")
        await form_shown(pilot)
        app.screen.query_one("#email", Input).focus()
        await pilot.pause()
        app.screen.query_one("#email", Input).value = ""
        await type_text(pilot, "not an address")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: "is not an e-mail address" in visible_text(app))
        app.screen.query_one("#email", Input).value = ""
        await type_text(pilot, "bank@riverside.example.org")
        await pilot.press("ctrl+s")
        await until(pilot, lambda: isinstance(app.screen, ServiceScreen))
        await until(pilot, lambda: "bank@riverside.example.org" in visible_text(app))


async def test_an_auditor_reads_the_directory_but_adds_nothing(
    make_app: Callable[..., CaselineApp], directory_db: Path
) -> None:
    store = Store.open(directory_db)
    try:
        store.workers.ensure("ari.auditor", role="auditor")
    finally:
        store.close()
    app = make_app(db=directory_db, worker="ari.auditor")
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        await pilot.press("escape", "a")
        await pilot.pause()
        assert isinstance(app.screen, DirectoryScreen)
        assert app.screen.check_action("add", ()) is False


async def test_pick_service_returns_the_service_chosen_or_none(
    make_app: Callable[..., CaselineApp], directory_db: Path
) -> None:
    app = make_app(db=directory_db)
    chosen: list[ServiceSummary] = []

    async def opens(service: ServiceSummary, directory: Screen[Any]) -> None:
        chosen.append(service)
        give_way(directory)

    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        first = app.screen
        pick_service(app, opens)
        await until(pilot, lambda: isinstance(app.screen, DirectoryScreen))
        await until(pilot, lambda: len(shown(app)) == 3)
        assert "Choose a service" in visible_text(app)
        await type_text(pilot, "debt")
        await until(pilot, lambda: shown(app) == ["Debt advice line"])
        await pilot.press("enter")  # from the search box: to the list
        await pilot.press("enter")  # choose it
        await until(pilot, lambda: len(chosen) == 1)
        assert chosen[0].service_name == "Debt advice line"
        assert app.screen is first  # the directory gave way to what the choice opened
        pick_service(app, opens)
        await until(pilot, lambda: isinstance(app.screen, DirectoryScreen))
        await pilot.press("escape", "escape")
        await until(pilot, lambda: app.screen is first)
        assert len(chosen) == 1  # left with none chosen


async def test_a_colleagues_correction_meanwhile_is_shown_and_nothing_typed_is_lost(
    make_app: Callable[..., CaselineApp], directory_db: Path
) -> None:
    from .test_conflicts_ui import notice_of

    app = make_app(db=directory_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        await pilot.press("escape", "end", "e")  # Riverside Food Bank, from the list
        # The form, once its fields are made (pushed, it is composed a moment later).
        await until(pilot, lambda: isinstance(app.screen, FormScreen) and app.screen.query("#fees"))
        form = app.screen
        store = Store.open(directory_db)
        try:
            priya = store.workers.named("priya.nair")
            [food] = store.resources.search(priya, "riverside food")
            store.resources.update(priya, food.id, {"fees": "Free; donations welcome"}, version=1)
        finally:
            store.close()
        fees = form.query_one("#fees", Input)
        fees.value = "£2 a visit"
        await pilot.press("ctrl+s")
        await until(pilot, lambda: notice_of(app)[0])
        _, message, theirs = notice_of(app)
        assert "Priya Nair changed this directory entry" in message
        assert "Free; donations welcome" in theirs
        assert app.screen is form and fees.value == "£2 a visit"
        await pilot.press("ctrl+s")  # having seen theirs, saves over it
        await until(pilot, lambda: isinstance(app.screen, DirectoryScreen))
    store = Store.open(directory_db)
    try:
        me = store.workers.named("sam.okafor")
        [food] = store.resources.search(me, "riverside food")
        assert store.resources.get(me, food.id).fees == "£2 a visit"
    finally:
        store.close()


async def test_names_with_markup_and_escapes_are_shown_as_text(
    make_app: Callable[..., CaselineApp], directory_db: Path
) -> None:
    store = Store.open(directory_db)
    try:
        me = store.workers.named("sam.okafor")
        store.resources.add(
            me, {"organisation": "[red]Org[/red]", "name": "[bold]Loud\x1b]0;pwned\x07 service"}
        )
    finally:
        store.close()
    app = make_app(db=directory_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("D")
        await until(pilot, lambda: len(shown(app)) == 4)
        text = visible_text(app)
        assert "[bold]Loud service" in text and "[red]Org[/red]" in text
        assert "\x1b" not in text and "pwned" not in text


async def test_a_service_withdrawn_on_its_page_leaves_the_list_until_shown_and_restored(
    make_app: Callable[..., CaselineApp], directory_db: Path
) -> None:
    app = make_app(db=directory_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        await pilot.press("escape", "home", "enter")  # Café Zoë drop-in
        await until(pilot, lambda: isinstance(app.screen, ServiceScreen))
        await loaded(pilot)
        await pilot.press("w")
        await until(pilot, lambda: "Withdraw this service?" in visible_text(app))
        await pilot.press("y")
        await until(pilot, lambda: "Withdrawn since" in visible_text(app))
        await pilot.press("escape")
        await until(pilot, lambda: shown(app) == ["Debt advice line", "Riverside Food Bank"])
        await pilot.press("x")  # withdrawn ones too
        await until(pilot, lambda: len(shown(app)) == 3)
        assert "Café Zoë drop-in (withdrawn)" in visible_text(app)
        await pilot.press("home", "enter", "w")
        await until(pilot, lambda: "Restore this service" in visible_text(app))
        await pilot.press("y")
        await until(pilot, lambda: "Withdrawn since" not in visible_text(app))
        await pilot.press("escape", "x")
        await until(pilot, lambda: len(shown(app)) == 3)
        assert "(withdrawn)" not in visible_text(app)


async def test_one_category_is_listed_then_every_one_again(
    make_app: Callable[..., CaselineApp], directory_db: Path
) -> None:
    from tui.screens.directory.categories import CategoryScreen

    app = make_app(db=directory_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        await pilot.press("escape", "c")
        await until(pilot, lambda: isinstance(app.screen, CategoryScreen))
        text = visible_text(app)
        for category in ("every category", "Emergency", "Food", "Housing", "Money", "Young people"):
            assert category in text
        await pilot.press("down", "down", "down", "down", "enter")  # Money
        await until(pilot, lambda: shown(app) == ["Debt advice line"])
        assert "Community resources · Money" in visible_text(app)
        await pilot.press("c")
        await until(pilot, lambda: isinstance(app.screen, CategoryScreen))
        await pilot.press("home", "enter")
        await until(pilot, lambda: len(shown(app)) == 3)
        assert "· Money" not in visible_text(app)


async def test_enter_then_escape_typed_together_reads_a_service_and_comes_back(
    make_app: Callable[..., CaselineApp], directory_db: Path
) -> None:
    """Enter on a service posted its choice, handled after the escape typed with it: the
    directory was left, and the service opened over the caseload."""
    app = make_app(db=directory_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        await pilot.press("down")  # from the search box to the list
        await enter_then_escape(pilot, app, "directory-table", ServiceScreen)
        assert isinstance(app.screen, DirectoryScreen)


async def test_words_enter_enter_in_one_burst_reads_the_first_service_found(
    make_app: Callable[..., CaselineApp], directory_db: Path, hold: Callable[[Any, str], Held]
) -> None:
    """`debt enter enter` typed together, the search held up (a busy database): the first
    `enter` searches at once, the second waits for the services found and reads the first
    of them. Before, it read the service highlighted before the search (the first of all,
    Café Zoë's): the wrong one, chosen for a referral."""
    app = make_app(db=directory_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        held = hold(app.store.resources, "search")
        burst(app, *"debt", "enter", "enter")
        await held.release_once_typed(pilot)
        await until(pilot, lambda: isinstance(app.screen, ServiceScreen))
        await loaded(pilot)
        assert "Debt advice line · Citywide Advice" in visible_text(app)


async def test_keys_typed_with_c_choose_from_the_categories_once_read(
    make_app: Callable[..., CaselineApp], directory_db: Path, hold: Callable[[Any, str], Held]
) -> None:
    """`c down enter` together, the categories held up: the keys wait for the list of them
    and choose the first category. Before, `down` and `enter` went to the directory beneath
    (the first service opened) and the categories opened over it afterwards."""
    app = make_app(db=directory_db)
    async with app.run_test(size=(80, 24)) as pilot:
        await open_directory(pilot, app)
        screen = app.screen
        assert isinstance(screen, DirectoryScreen)
        await pilot.press("down")  # from the search box to the list, whose key c is
        held = hold(app.store.resources, "categories")
        burst(app, "c", "down", "enter")
        await held.release_once_typed(pilot)
        await until(pilot, lambda: screen.category != "")
        await until(pilot, lambda: app.screen is screen)
        await loaded(pilot)
        assert screen.category == "Emergency"  # the first, in order
        assert shown(app) == ["Riverside Food Bank"]
