"""Writing, checking, saving, reading and amending notes with the keyboard."""

from __future__ import annotations

import asyncio
import sqlite3
import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from contextlib import closing
from pathlib import Path
from typing import Any

from textual import events
from textual.widgets import Input, OptionList, Static, TextArea

from store.service import Store
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.pickers import CasePickerScreen, DraftsScreen
from tui.screens.caseload.screen import CaseloadScreen
from tui.screens.choice import ChoiceScreen
from tui.screens.form import FormScreen
from tui.screens.notes.note_editor import NoteEditorScreen
from tui.screens.notes.note_view import NoteViewScreen
from tui.screens.notes.quality import QualityScreen

from .helpers import burst, loaded, table, type_text
from .waiting import until

MakeApp = Callable[..., CaselineApp]
# Short: Pilot takes tens of milliseconds a key.
GOOD_NOTE = "Boiler repaired 20/11. Agreed: review arrears 1/12."


def field_error(app: CaselineApp, name: str) -> str:
    widget = app.screen.query_one(f"#error-{name}", Static)
    return str(widget.render()) if widget.display else ""


def stored(db: Path) -> tuple[Store, object]:
    store = Store.open(db)
    return store, store.workers.ensure("sam.okafor")


async def open_editor(pilot: object) -> None:
    await loaded(pilot)  # type: ignore[arg-type]
    await pilot.press("n")  # type: ignore[attr-defined]
    await loaded(pilot)  # type: ignore[arg-type]


async def test_n_opens_the_editor_in_the_text_and_ctrl_s_saves(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert isinstance(app.focused, TextArea)
        await type_text(pilot, GOOD_NOTE)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        row = table(app).highlighted
        assert row is not None and row.client_name == "Aisha Bello"
        assert row.last_contact_at is not None
    store, me = stored(seeded_db)
    [note] = store.notes.for_case(me, row.id)  # type: ignore[arg-type]
    assert note.first_line == GOOD_NOTE
    assert note.note_type == "case note"
    assert store.notes.drafts(me) == []  # type: ignore[arg-type]
    store.close()


async def test_words_typed_with_n_go_into_the_note(make_app: MakeApp) -> None:
    """`n` and the note's first words in one burst, on the caseload and in the case file: the
    case's drafts are looked up first, and the words wait for the editor rather than being
    taken as the screen's keys (`t` transferred the case, `e` edited the client). Pasted
    straight after `n`, they waited too, then went to the editor before it was up, and were
    lost."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        for words in ("Visited at home", "Phoned to check in", "Pasted: rang, no answer"):
            if words.startswith("Pasted"):
                burst(app, "n")
                app.post_message(events.Paste(words))
            else:
                burst(app, "n", *words)
            await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
            await until(pilot, lambda: bool(app.screen.query("#body")))  # composed
            body = app.screen.query_one("#body", TextArea)
            try:
                await until(pilot, lambda: body.text == words)  # noqa: B023
            except AssertionError:
                raise AssertionError(f"{words!r} typed; the note holds {body.text!r}") from None
            await pilot.press("escape", "d")  # discarded
            await until(pilot, lambda: not isinstance(app.screen, NoteEditorScreen))
            if isinstance(app.screen, CaseloadScreen):
                await pilot.press("enter")
                await until(pilot, lambda: isinstance(app.screen, CaseFileScreen))
                await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)


async def test_ctrl_n_picks_a_case_by_part_of_its_name(make_app: MakeApp, seeded_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+n")
        await loaded(pilot)
        assert isinstance(app.screen, CasePickerScreen)
        # Recent contact first: Tom Gallagher was seen yesterday.
        first = app.screen.query_one(OptionList).get_option_at_index(0)
        assert "Tom Gallagher" in str(first.prompt)
        await pilot.press(*"siob")
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert "Siobhán O'Sullivan-Murphy" in app.screen.case_label


async def test_a_name_that_matches_no_case_is_said_and_enter_does_nothing_else(
    make_app: MakeApp,
) -> None:
    """enter on an empty list did nothing and said nothing: the picker now says that no case
    matches what was typed, once every look-up for it has come back, and keeps it typed."""
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        await pilot.press("ctrl+n")
        await until(pilot, lambda: isinstance(app.screen, CasePickerScreen))
        picker = app.screen
        hint = picker.query_one("#hint", Static)
        await type_text(pilot, "zzq [b]x[/b]")
        await until(pilot, lambda: "No case matches" in str(hint.render()))
        assert "“zzq [b]x[/b]”" in str(hint.render())  # as typed, not as markup
        await pilot.press("enter")
        await loaded(pilot)
        assert app.screen is picker and "No case matches" in str(hint.render())
        await pilot.press(*["backspace"] * 12, *"tom")
        await until(pilot, lambda: "enter choose" in str(hint.render()))
        await pilot.press("enter")
        await until(pilot, lambda: isinstance(app.screen, NoteEditorScreen))
        assert "Tom Gallagher" in app.screen.case_label


async def test_every_bad_field_is_reported_at_the_field(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        screen = app.screen
        screen.query_one("#contact_at", Input).value = "31/02/2026"
        screen.query_one("#follow_up_on", Input).value = "someday"
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, NoteEditorScreen)
        assert "There is no 31 February 2026" in field_error(app, "contact_at")
        assert 'Not a date: "someday"' in field_error(app, "follow_up_on")
        assert "The note is empty" in field_error(app, "body")
        screen.query_one("#contact_at", Input).value = "yesterday 14:30"
        screen.query_one("#follow_up_on", Input).value = ""
        screen.query_one("#significant").value = True  # type: ignore[attr-defined]
        screen.query_one("#body", TextArea).load_text(GOOD_NOTE)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert "needs a short title" in field_error(app, "chronology_title")
        assert field_error(app, "contact_at") == ""


async def test_vague_note_is_questioned_and_can_be_saved_anyway(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        await type_text(pilot, "Client seemed fine.")
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QualityScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert '"seemed fine"' in text
        assert "follow-up" in text
        await pilot.press("escape")  # back to the note, nothing saved
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press("ctrl+s")
        await pilot.pause()
        await pilot.press("s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
    store, me = stored(seeded_db)
    [note] = store.notes.for_case(me, 1)  # type: ignore[arg-type]
    assert note.first_line == "Client seemed fine."
    store.close()


async def test_escape_asks_then_keeps_a_draft_or_discards(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        await type_text(pilot, "Unfinished thought")
        await pilot.press("escape")
        assert isinstance(app.screen, ChoiceScreen)
        await pilot.press("escape")  # keep writing
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press("escape", "k")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
    store, me = stored(seeded_db)
    assert [d.state["body"] for d in store.notes.drafts(me)] == ["Unfinished thought"]  # type: ignore[arg-type]
    store.close()

    app = make_app()  # next start: the draft comes back
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.query_one("#body", TextArea).text == "Unfinished thought"
        assert any("1 unsaved draft" in str(n.message) for n in app._notifications)
        await pilot.press("escape", "d")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)

        # The discard is written by a worker of the app's once the editor has closed: it may
        # not have begun yet when the screen is back. (A connection of the test's own: not
        # the app's, whose main-thread connection a store opened here would share.)
        try:
            await until(pilot, lambda: drafts_of_sam(seeded_db) == 0)
        except AssertionError:
            said = [str(n.message) for n in app._notifications]
            raise AssertionError(f"the draft is still stored; the app said {said}") from None


async def test_a_discarded_draft_goes_whichever_thread_throws_it_away(
    make_app: MakeApp, seeded_db: Path
) -> None:
    """The discard is written in a thread once the editor has closed: a new thread, as the
    app makes them, has no app of Textual's to ask and the closed screen none either."""
    editor_gone = threading.Event()

    class NewThreadsAfterTheEditor(ThreadPoolExecutor):
        def submit(self, fn: Any, /, *args: Any, **kwargs: Any) -> Any:
            def once_closed() -> Any:
                editor_gone.wait(15)
                return fn(*args, **kwargs)

            return super().submit(once_closed)

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        editor = app.screen
        await type_text(pilot, "Not worth keeping")
        await until(pilot, lambda: drafts_of_sam(seeded_db) == 1)  # saved as typed
        executor = NewThreadsAfterTheEditor(max_workers=1)
        asyncio.get_running_loop().set_default_executor(executor)
        await pilot.press("escape", "d")
        await until(pilot, lambda: not editor.is_attached)
        editor_gone.set()
        await until(pilot, lambda: drafts_of_sam(seeded_db) == 0)
        said = [str(n.message) for n in app._notifications]
        assert not any("rror" in message for message in said), said
    executor.shutdown()


def drafts_of_sam(db_path: Path) -> int:
    """How many drafts Sam has, read on a connection of the test's own, read-only."""
    with closing(sqlite3.connect(f"{db_path.as_uri()}?mode=ro", uri=True)) as db:
        (drafts,) = db.execute(
            "SELECT count(*) FROM note JOIN worker ON worker.id = note.author_id"
            " WHERE note.status = 'draft' AND worker.username = 'sam.okafor'"
        ).fetchone()
    return int(drafts)


async def test_several_drafts_are_listed_at_start(make_app: MakeApp, seeded_db: Path) -> None:
    store, me = stored(seeded_db)
    store.notes.save_draft(me, 1, {"body": "first draft"})  # type: ignore[arg-type]
    store.notes.save_draft(me, 2, {"body": "second draft"})  # type: ignore[arg-type]
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        # The drafts are read once the caseload is drawn: maybe not yet begun when it is.
        await until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await loaded(pilot)
        assert isinstance(app.screen, DraftsScreen)
        assert app.screen.query_one(OptionList).option_count == 2
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.query_one("#body", TextArea).text == "second draft"


async def test_template_key_and_abbreviation(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        app.screen.query_one("#note_type").value = "home visit"  # type: ignore[attr-defined]
        await pilot.pause()
        app.screen.query_one("#body", TextArea).focus()
        await pilot.press("ctrl+t")
        body = app.screen.query_one("#body", TextArea).text
        assert "Purpose of visit" in body
        app.screen.query_one("#body", TextArea).load_text("")
        await pilot.press(*";pc")
        await pilot.pause()
        expanded = app.screen.query_one("#body", TextArea).text
        assert ";pc" not in expanded and len(expanded) > 20


async def test_read_a_note_then_amend_it(make_app: MakeApp, seeded_db: Path) -> None:
    store, me = stored(seeded_db)
    store.notes.finalise(
        me,
        1,
        {
            "contact_at": "today 9:00",
            "note_type": "phone call",  # type: ignore[arg-type]
            "body": "Rang [bold]GP[/] <script>x</script> \x1b]0;T\x07ok",
        },
    )
    store.close()
    app = make_app()
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")  # Aisha Bello, case 1
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        await pilot.press("3")
        await loaded(pilot)
        notes = app.screen.query_one("#notes-list", OptionList)
        assert notes.option_count == 1
        assert notes.has_focus and notes.highlighted == 0  # enter works at once
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, NoteViewScreen)
        body = app.screen.query_one("#note-body")

        def shown() -> str:
            return " ".join(str(child.render()) for child in body.query("*"))

        await until(pilot, lambda: "[bold]GP[/]" in shown())
        rendered = shown()
        assert "[bold]GP[/]" in rendered
        assert "<script>x</script>" in rendered
        assert "\x1b" not in rendered
        await pilot.press("m")
        await loaded(pilot)
        assert isinstance(app.screen, FormScreen)
        await pilot.press("ctrl+s")
        reason = app.screen.query_one("#error-reason", Static)
        await until(pilot, lambda: "Say why" in str(reason.render()))
        await type_text(pilot, "Wrong surgery named")
        await pilot.press("tab")
        await type_text(pilot, "It was Hillside.")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, NoteViewScreen)
        assert app.screen.note is not None and len(app.screen.note.amendments) == 1
        assert app.screen.note.body.startswith("Rang [bold]GP[/]")


async def test_finalising_can_be_a_separate_step(seeded_db: Path) -> None:
    from store.common.settings import Config

    app = CaselineApp(db=seeded_db, worker="sam.okafor", config=Config(finalise_on_save=False))
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        app.screen.query_one("#body", TextArea).load_text(GOOD_NOTE)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        await until(pilot, lambda: isinstance(app.screen, CaseloadScreen))
        store, me = stored(seeded_db)
        assert [d.state["body"] for d in store.notes.drafts(me)] == [GOOD_NOTE]  # type: ignore[arg-type]
        store.close()
        await pilot.press("d")
        await loaded(pilot)
        assert isinstance(app.screen, DraftsScreen), [str(n.message) for n in app._notifications]
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        await pilot.press("f9")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
    store, me = stored(seeded_db)
    assert store.notes.drafts(me) == []  # type: ignore[arg-type]
    assert store.notes.for_case(me, 1)[0].first_line == GOOD_NOTE  # type: ignore[arg-type]
    store.close()


async def test_dates_far_off_ask_before_saving(make_app: MakeApp) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        screen = app.screen
        screen.query_one("#contact_at", Input).value = "3/4/2019 10:00"
        screen.query_one("#follow_up_on", Input).value = "1/1/2029"
        screen.query_one("#body", TextArea).load_text(GOOD_NOTE)
        await pilot.pause()
        await pilot.press("ctrl+s")
        await pilot.pause()
        assert isinstance(app.screen, QualityScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert "03 Apr 2019" in text and "over a year ago" in text
        assert "01 Jan 2029" in text and "more than a year" in text


async def test_ctrl_q_while_writing_keeps_the_note_as_a_draft(
    make_app: MakeApp, seeded_db: Path
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        await type_text(pilot, "Rang the GP")  # quicker than the autosave
        await pilot.press("ctrl+q")
        await pilot.pause()
        assert not app.is_running
    store, me = stored(seeded_db)
    assert [d.state["body"] for d in store.notes.drafts(me)] == ["Rang the GP"]  # type: ignore[arg-type]
    store.close()


async def test_a_one_megabyte_note_opens_as_plain_text(make_app: MakeApp, seeded_db: Path) -> None:
    body = "# Report\n\n" + ("Line of a pasted report with **stars** and [brackets].\n" * 19_000)
    assert len(body) > 1_000_000
    store, me = stored(seeded_db)
    note = store.notes.finalise(
        me,  # type: ignore[arg-type]
        1,
        {"contact_at": "today 9:00", "note_type": "case note", "body": body},
    )
    store.close()
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await loaded(pilot)
        app.push_screen(NoteViewScreen(note.id))
        await loaded(pilot)
        plain = app.screen.query_one("#note-plain", TextArea)
        assert plain.display and plain.read_only
        assert plain.text == body  # every character, as typed
        assert not app.screen.query_one("#note-body").display
        size = str(app.screen.query_one("#note-size", Static).render())
        assert f"{len(body):,} characters" in size
        await pilot.press("escape")
        await loaded(pilot)
        assert not isinstance(app.screen, NoteViewScreen)


async def test_bad_when_and_present_typed_and_pasted_at_the_keyboard(
    make_app: MakeApp, seeded_db: Path
) -> None:
    from textual import events

    from store.notes.rules import PRESENT_MAX

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        screen = app.screen
        await type_text(pilot, "Rang the GP. Agreed: review on 1/12.")
        await pilot.press("shift+tab", "shift+tab", "shift+tab")  # body -> present -> type -> when
        assert screen.query_one("#contact_at", Input).has_focus
        await pilot.press(*"someday")
        await pilot.pause()
        hint = str(screen.query_one("#hint-contact_at", Static).render())
        assert hint == "" or "someday" not in hint  # no reading of it is offered
        await pilot.press("tab", "tab")  # -> type -> present
        present = screen.query_one("#present", Input)
        assert present.has_focus
        present.post_message(events.Paste("x" * (PRESENT_MAX + 1)))  # as a terminal pastes
        await pilot.pause()
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)  # nothing saved
        assert 'Not a date: "someday"' in field_error(app, "contact_at")
        assert "Try" in field_error(app, "contact_at")  # with what is accepted
        assert f"at most {PRESENT_MAX}" in field_error(app, "present")
        # The first field in error has the focus; put right with the keyboard, it saves.
        assert screen.query_one("#contact_at", Input).has_focus
        await pilot.press("ctrl+u", *"today 9am")
        await pilot.press("tab", "tab", "ctrl+u", *"Dr Shah")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)  # saved, nothing to question
    store, me = stored(seeded_db)
    [note] = store.notes.for_case(me, 1)  # type: ignore[arg-type]
    assert note.first_line == "Rang the GP. Agreed: review on 1/12."
    store.close()


async def test_a_template_typed_by_abbreviation_sets_the_type(make_app: MakeApp) -> None:
    from textual.widgets import Select

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        select = app.screen.query_one("#note_type", Select)
        assert select.value == "case note"
        await pilot.press(*";hv")
        await pilot.pause()
        assert "Purpose of visit" in app.screen.query_one("#body", TextArea).text
        assert select.value == "home visit"
        await pilot.press(*" ;pc")
        await pilot.pause()
        assert select.value == "phone call"


async def test_template_headings_left_empty_are_questioned_before_saving(
    make_app: MakeApp,
) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        await pilot.press(*";pc")  # the cursor waits after "Call (who called whom; ...): "
        await type_text(pilot, "I rang Mum. Agreed: review on 1/12.")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, QualityScreen)
        text = " ".join(str(s.render()) for s in app.screen.query(Static))
        assert 'left empty: "Purpose", "Discussed"' in text
        assert "Call" not in text.split("left empty:")[1].split(".")[0]


async def test_when_shows_the_time_the_note_was_begun_and_a_draft_keeps_it(
    make_app: MakeApp, seeded_db: Path
) -> None:
    from datetime import datetime

    from store.common import dates

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        when = app.screen.query_one("#contact_at", Input)
        assert when.value == "23 Nov 2026 10:00"  # the frozen clock: Monday 10:00
        assert (
            str(app.screen.query_one("#hint-contact_at", Static).render())
            == "Mon 23 Nov 2026 10:00"
        )
        await type_text(pilot, "Rang the GP")
        await pilot.press("escape", "k")
        await loaded(pilot)
    with dates.frozen(datetime(2026, 11, 24, 8, 30)):  # reopened the next morning
        app = make_app()
        async with app.run_test(size=(80, 24)) as pilot:
            await loaded(pilot)
            assert isinstance(app.screen, NoteEditorScreen)
            assert app.screen.query_one("#contact_at", Input).value == "23 Nov 2026 10:00"
            await type_text(pilot, ". Agreed: review on 1/12.")
            await pilot.press("ctrl+s")
            await loaded(pilot)
            assert isinstance(app.screen, CaseloadScreen)
    store, me = stored(seeded_db)
    [note] = store.notes.for_case(me, 1)  # type: ignore[arg-type]
    assert note.contact_at == datetime(2026, 11, 23, 10, 0)
    store.close()


async def test_n_on_a_case_with_a_draft_offers_it_first(make_app: MakeApp, seeded_db: Path) -> None:
    from tui.screens.notes.draft_offer import DraftOfferScreen

    def options(app: CaselineApp) -> list[str]:
        found = app.screen.query_one(OptionList)
        return [str(found.get_option_at_index(i).prompt) for i in range(found.option_count)]

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)  # Aisha Bello, the first row
        await type_text(pilot, "First visit notes")
        await pilot.press("escape", "k")
        await loaded(pilot)
        await pilot.press("n")
        await loaded(pilot)
        assert isinstance(app.screen, DraftOfferScreen)
        assert "First visit notes" in options(app)[0]
        assert options(app)[-1] == "Start a new note"
        await pilot.press("enter")  # carry on with it
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.query_one("#body", TextArea).text == "First visit notes"
        await type_text(pilot, " and more")
        await pilot.press("escape", "k")
        await loaded(pilot)
        await pilot.press("n")
        await loaded(pilot)
        await pilot.press("n")  # a new note after all
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert app.screen.query_one("#body", TextArea).text == ""
        await type_text(pilot, "Second note")
        await pilot.press("escape", "k")
        await loaded(pilot)
        await pilot.press("enter")  # the case file: n there offers both
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        await pilot.press("n")
        await loaded(pilot)
        assert isinstance(app.screen, DraftOfferScreen)
        assert len(options(app)) == 3
        await pilot.press("escape")  # neither
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        await pilot.press("ctrl+n")  # and from anywhere
        await loaded(pilot)
        await pilot.press(*"aisha", "enter")
        await loaded(pilot)
        assert isinstance(app.screen, DraftOfferScreen)
        await pilot.press("escape")
        await loaded(pilot)
    store, me = stored(seeded_db)
    bodies = sorted(d.state["body"] for d in store.notes.drafts(me))  # type: ignore[arg-type]
    assert bodies == ["First visit notes and more", "Second note"]
    store.close()


async def test_a_draft_on_another_case_is_not_offered(make_app: MakeApp, seeded_db: Path) -> None:
    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)  # Aisha Bello
        await type_text(pilot, "About Aisha")
        await pilot.press("escape", "k")
        await loaded(pilot)
        await pilot.press("down", "n")  # the next case
        await loaded(pilot)
        assert isinstance(app.screen, NoteEditorScreen)
        assert "Aisha" not in app.screen.case_label


async def test_a_significant_note_chooses_its_chronology_category_and_it_can_change(
    make_app: MakeApp, seeded_db: Path
) -> None:
    from textual.widgets import Select

    from .helpers import choose

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)  # Aisha Bello, case 1
        category = app.screen.query_one("#chronology_category", Select)
        assert category.disabled and category.value == "contact"
        await type_text(pilot, GOOD_NOTE)
        await pilot.press("tab", "space")  # Significant: the title box opens
        await pilot.pause()
        assert not category.disabled
        await type_text(pilot, "Boiler repaired")
        await pilot.press("tab")
        assert category.has_focus
        await choose(pilot, "safeguarding")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseloadScreen)
        await pilot.press("enter", "4")
        await loaded(pilot)
        await pilot.press("end", "e")  # the note's entry, last in date order
        await loaded(pilot)
        form = app.screen
        assert isinstance(form, FormScreen)
        assert [f.name for f in form.fields] == ["category", "analysis"]
        await choose(pilot, "housing")
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
    store, me = stored(seeded_db)
    entry = store.chronology.entries(me, 1)[-1]  # type: ignore[arg-type]
    assert (entry.title, entry.category) == ("Boiler repaired", "housing")
    history = store.case_file.history(me, "chronology_entry", entry.id)  # type: ignore[arg-type]
    assert [(c.field, c.old_value) for c in history] == [("category", "safeguarding")]
    store.close()


async def test_a_draft_discarded_elsewhere_is_saved_again_as_a_new_one(
    make_app: MakeApp, seeded_db: Path
) -> None:
    """The same worker, in another session, threw this draft away: what is typed here is
    still kept, as a draft of its own, not refused every second."""

    def bodies() -> list[str]:
        store, me = stored(seeded_db)
        try:
            return [d.state["body"] for d in store.notes.drafts(me)]  # type: ignore[arg-type]
        finally:
            store.close()

    async def kept(wanted: list[str]) -> None:
        for _ in range(100):
            if bodies() == wanted:
                return
            await pilot.pause(0.1)
        assert bodies() == wanted

    app = make_app()
    async with app.run_test(size=(80, 24)) as pilot:
        await open_editor(pilot)
        await type_text(pilot, "Rang the GP")
        await kept(["Rang the GP"])
        store, me = stored(seeded_db)
        store.notes.discard_draft(me, store.notes.drafts(me)[0].id)  # type: ignore[arg-type]
        store.close()
        await type_text(pilot, " and the school")
        await kept(["Rang the GP and the school"])
        assert not [n for n in app._notifications if n.severity == "error"]
