"""What the screens read again, and when: nothing when nothing was written meanwhile (back
from a case, a note, a form left), all that changed when something was; and the notes tab's
filter works over what was read, with no database call as the worker types."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from textual.widgets import OptionList

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.notes.note_view import NoteViewScreen

from .helpers import loaded, table, type_text

MakeApp = Callable[..., CaselineApp]

NOTES = [
    ("home visit", "Visited at home; the boiler is broken.", "Aisha, Łukasz"),
    ("phone call", "Rang the GP about the prescription.", ""),
    ("home visit", "Boiler repaired; ZOË's school rang.", ""),
    ("email", "Wrote to the housing office.", "no one"),
]


def with_notes(db: Path) -> None:
    store = Store.open(db)
    me = store.workers.ensure("sam.okafor")
    for note_type, body, present in NOTES:
        store.notes.finalise(
            me,
            1,  # Aisha Bello's case
            {"contact_at": "today 9:00", "note_type": note_type, "body": body, "present": present},
        )
    store.close()


@contextmanager
def calls(app: CaselineApp) -> Iterator[list[str]]:
    """The names of the store's methods called (by anyone) while inside, in order."""
    made: list[str] = []
    patched: list[tuple[object, str]] = []
    for area in ("cases", "case_file", "notes", "plans", "chronology"):
        service = getattr(app.store, area)
        for name in dir(type(service)):
            method = getattr(service, name, None)
            if not name.startswith("_") and callable(method):
                setattr(service, name, _spy(made, f"{area}.{name}", method))
                patched.append((service, name))
    try:
        yield made
    finally:
        for service, name in patched:
            delattr(service, name)


def _spy(made: list[str], name: str, method: Any) -> Any:
    def spy(*args: Any, **kwargs: Any) -> Any:
        made.append(name)
        return method(*args, **kwargs)

    return spy


def notes_shown(app: CaselineApp) -> list[str]:
    options = app.screen.query_one("#notes-list", OptionList)
    return [str(options.get_option_at_index(i).id or "") for i in range(options.option_count)]


async def test_back_on_the_caseload_nothing_is_read_unless_something_was_written(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("w")  # all workers' cases: the view worth not reading twice
        await loaded(pilot)
        with calls(app) as made:
            await pilot.press("enter")
            await loaded(pilot)
            assert isinstance(app.screen, CaseFileScreen)
            await pilot.press("escape")
            await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert "cases.caseload" not in made
        # A note written on the way: the caseload is read again, and shows it.
        await pilot.press("n")
        await loaded(pilot)
        await type_text(pilot, "Boiler repaired 20/11. Agreed: review arrears 1/12.")
        with calls(app) as made:
            await pilot.press("ctrl+s")
            await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        assert made.count("cases.caseload") == 1
        row = table(app).highlighted
        assert row is not None and row.last_contact_at is not None


async def test_back_on_a_case_nothing_is_read_unless_something_was_written(
    make_app: MakeApp, seeded_db: Path
) -> None:
    with_notes(seeded_db)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "3")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        with calls(app) as made:
            await pilot.press("enter")  # a note, read and left
            await loaded(pilot)
            assert isinstance(app.screen, NoteViewScreen)
            await pilot.press("escape")
            await loaded(pilot)
            await pilot.press("1", "c")  # a form, left without saving
            await loaded(pilot)
            await pilot.press("escape")
            await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert "case_file.view" not in made
        assert "notes.for_case" not in made
        # A contact added: the case is read again, and shows it.
        await pilot.press("c")
        await loaded(pilot)
        await type_text(pilot, "Grace Bello")
        with calls(app) as made:
            await pilot.press("ctrl+s")
            await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        assert made.count("case_file.view") == 1
        assert app.screen.file is not None
        assert [c.name for c in app.screen.file.contacts] == ["Grace Bello"]


async def test_the_notes_filter_asks_the_database_nothing_as_the_worker_types(
    make_app: MakeApp, seeded_db: Path
) -> None:
    with_notes(seeded_db)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "3")
        await loaded(pilot)
        everything = notes_shown(app)
        assert len(everything) == len(NOTES)
        with calls(app) as made:
            await pilot.press("slash", *"boiler")
            await loaded(pilot)
            boiler = notes_shown(app)
            assert len(boiler) == 2  # case ignored: "boiler", "Boiler"
            await pilot.press(*" rep")
            await loaded(pilot)
            assert len(notes_shown(app)) == 1
            for _ in " rep":
                await pilot.press("backspace")
            await loaded(pilot)
            assert notes_shown(app) == boiler
            await pilot.press(*"qq")
            await loaded(pilot)
            assert notes_shown(app) == [""]  # "No notes match."
        assert made == []  # not one database call
        screen = app.screen
        assert isinstance(screen, CaseFileScreen)
        field = screen.query_one("#notes-text")
        for text, count in [("zoe", 1), ("LUKASZ", 1), ("no one", 1), ("gp", 1), ("", 4)]:
            field.value = text  # type: ignore[attr-defined]
            await loaded(pilot)
            assert len([i for i in notes_shown(app) if i]) == count, text


async def test_a_keystroke_leaving_the_same_notes_shown_leaves_the_list_alone(
    make_app: MakeApp, seeded_db: Path
) -> None:
    with_notes(seeded_db)
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter", "3")
        await loaded(pilot)
        options = app.screen.query_one("#notes-list", OptionList)
        await pilot.press("slash", *"boi")
        await loaded(pilot)
        cleared: list[int] = []
        clear = options.clear_options

        def counting() -> Any:
            cleared.append(1)
            return clear()

        options.clear_options = counting  # type: ignore[method-assign]
        await pilot.press(*"ler")  # the same two notes all along
        await loaded(pilot)
        assert len(notes_shown(app)) == 2
        assert cleared == []
