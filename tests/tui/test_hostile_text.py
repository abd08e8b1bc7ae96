"""User text is data: markup stays literal and escape sequences never reach the terminal."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from rich.segment import Segment
from textual import events
from textual.widgets import OptionList, Static

from store.common.textsafe import clean_field, fold
from store.core.models import Case
from store.service import Store
from tests.terminal import Terminal, allow_sign_in, app_env, sign_in
from tui.app import CaselineApp
from tui.screens.case_file.screen import CaseFileScreen
from tui.screens.caseload.pickers import DraftsScreen

from .helpers import duplicates_checked, loaded, table, type_text, visible_text
from .waiting import until

OSC52 = "\x1b]52;c;SEVJTUxP\x07"
TITLE = "\x1b]0;PWNED-TITLE\x07"
HOSTILE_NAMES = [
    f"[bold]Smith[/] {OSC52}Jones",
    f"{TITLE}Anne [@click=app.quit]Click[/] Lee",
    "Stray [/] Bracket \x1b[2J\x1b[H",
    "Ünïcödé 王小明 محمد 🌻",
]
CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def seed_hostile(path: Path) -> None:
    store = Store.open(path)
    me = store.workers.ensure("sam")
    for name in HOSTILE_NAMES:
        case = store.cases.create(me, {"client_name": "placeholder", "address": "x"})
        # Stored exactly as an import or an older version might have left it: raw.
        from store.core.models import Client

        with store.database.writing():
            Client.update(
                name=name, name_key=fold(clean_field(name)), address=f"Flat 1 {OSC52}[red]Road[/]"
            ).where(Client.id == case.client_id).execute()
            Case.update(ref=f"R{case.id}").where(Case.id == case.id).execute()
    store.close()


def strip_text(segments: list[Segment]) -> str:
    return "".join(s.text for s in segments)


@pytest.fixture
def hostile_db(tmp_path: Path) -> Path:
    path = tmp_path / "hostile.db"
    seed_hostile(path)
    return path


async def test_hostile_names_render_literally_in_the_caseload(hostile_db: Path) -> None:
    app = CaselineApp(db=hostile_db, worker="sam")
    async with app.run_test(size=(100, 24)) as pilot:
        await loaded(pilot)
        case_table = table(app)
        lines = [strip_text(list(case_table.render_line(y))) for y in range(1, 5)]
        screen = "\n".join(lines)
        assert not CONTROL.search(screen)
        assert "[bold]Smith[/] Jones" in screen
        assert "Anne [@click=app.quit]Click[/] Lee" in screen
        assert "Stray [/] Bracket" in screen
        assert "王小明" in screen
        assert app.is_running  # [@click] did not quit and [/] did not crash


async def test_hostile_text_in_the_case_file_is_literal(hostile_db: Path) -> None:
    app = CaselineApp(db=hostile_db, worker="sam")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        texts = [str(w.render()) for w in app.screen.query(Static)]
        joined = "\n".join(texts)
        assert not CONTROL.search(joined.replace("\n", ""))
        assert "Flat 1 [red]Road[/]" in joined
        name = app.screen.detail.client_name if app.screen.detail else ""
        assert CONTROL.sub("", name) or name


async def test_hostile_text_in_the_duplicates_list_and_notifications(hostile_db: Path) -> None:
    app = CaselineApp(db=hostile_db, worker="sam")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await type_text(pilot, "[bold]Smith[/] Jones")
        await duplicates_checked(pilot)
        await loaded(pilot)
        options = app.screen.query_one("#duplicates", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert any("[bold]Smith[/] Jones" in p for p in prompts)
        assert not any(CONTROL.search(p) for p in prompts)
        await pilot.press("ctrl+s", "ctrl+s")
        await loaded(pilot)
        notes = [str(n.message) for n in app._notifications]
        assert any("created for [bold]Smith[/] Jones." in n for n in notes)
        assert app.is_running


@pytest.mark.slow
def test_no_escape_sequence_from_stored_text_reaches_a_real_terminal(
    hostile_db: Path, tmp_path: Path
) -> None:
    allow_sign_in(hostile_db, "sam")
    term = Terminal(["--db", str(hostile_db), "--worker", "sam"], env=app_env(tmp_path))
    try:
        sign_in(term)
        assert term.wait_for("Bracket"), bytes(term.output[-2000:])
        term.type("\r", pause=1.5)  # open the first case: name and address on screen
        assert term.wait_for("Road")
        term.type("\x1b", pause=0.8)  # back
        term.type("\x11")  # ctrl+q
        assert term.wait() == 0
    finally:
        term.close()
    out = bytes(term.output)
    assert b"[bold]Smith[/]" in out
    assert b"Anne [@click=app." in out  # cut to fit the column, still literal
    assert b"\x1b]52;c;SEVJTUxP" not in out
    assert b"SEVJTUxP" not in out  # removed whole, not just its ESC
    assert b"\x1b]0;PWNED" not in out
    assert b"PWNED-TITLE" not in out


async def test_drop_down_labels_are_literal(hostile_db: Path) -> None:
    """A Select reads plain strings as markup; worker names reach it as literal text."""
    store = Store.open(hostile_db)
    store.workers.ensure("eve", "[@click=app.quit]Eve[/] [bold]Long")
    store.close()
    app = CaselineApp(db=hostile_db, worker="sam")
    async with app.run_test(size=(100, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await loaded(pilot)
        from textual.widgets import Select

        worker = app.screen.query_one("#worker", Select)
        worker.focus()
        await pilot.press("enter")  # open the list: the label is drawn, not run
        await pilot.pause()
        overlay = worker.query_one("SelectOverlay")
        drawn = "\n".join(
            strip_text(list(overlay.render_line(y))) for y in range(overlay.size.height)
        )
        assert "[@click=app.quit]Eve[/] [bold]Long" in drawn
        await pilot.press("escape")
        assert app.is_running


async def test_the_drafts_list_removes_escape_sequences_whole(tmp_path: Path) -> None:
    """Each draft's line shows the first line of its text with every sequence gone."""
    path = tmp_path / "drafts.db"
    store = Store.open(path)
    me = store.workers.ensure("sam")
    case = store.cases.create(me, {"client_name": "Dana Reyes"})
    clipboard = "\x1b]52;c;" + "SEVJTUxP" * 12 + "\x07"  # a long clipboard write
    bodies = {
        f"{clipboard}Phoned Dana about the move": "Phoned Dana about the move",
        "\x1b]0;PWNED\nTITLE\x07 Home visit\nSecond line": "Home visit",  # spans two lines
        "\x1b[2J\x1b[H\n## Review \x1b[31mmeeting\x1b[0m notes": "Review meeting notes",
        "Long " + "x" * 52 + "\x1b[31mred\x1b[0m and more": "Long " + "x" * 52 + "re…",  # cut at 60
    }
    for body in bodies:
        store.notes.save_draft(me, case.id, {"body": body})
    store.close()
    app = CaselineApp(db=path, worker="sam")
    async with app.run_test(size=(160, 30)) as pilot:
        # The drafts are read once the caseload is drawn: maybe not yet begun when it is.
        await until(pilot, lambda: isinstance(app.screen, DraftsScreen))
        await loaded(pilot)
        assert isinstance(app.screen, DraftsScreen)  # several drafts are offered at start
        options = app.screen.query_one("#drafts", OptionList)
        shown = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        previews = sorted(line.split("  ")[-1] for line in shown)
        assert previews == sorted(bodies.values()), shown
        assert not any(CONTROL.search(line) or "SEVJ" in line or "]" in line for line in shown)


SPOOF = "Anna \u202enosnhoJ\u202c Smi\u200bth\ufeff Le\u00adigh 👩\u200d💻"
INVISIBLE = re.compile("[\u00ad\u061c\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069\ufeff]")


def hidden(text: str) -> re.Match[str] | None:
    """An invisible character on screen, other than the joiner inside the emoji."""
    return INVISIBLE.search(text.replace("👩\u200d💻", ""))


async def test_invisible_and_direction_characters_in_a_name_are_shown_as_marks(
    tmp_path: Path,
) -> None:
    """A right-to-left override, a zero-width space, a byte-order mark and a soft hyphen are
    shown as marks wherever the name is (the emoji's joiner is part of the emoji), and the
    name is kept as typed."""
    path = tmp_path / "spoof.db"
    store = Store.open(path)
    me = store.workers.ensure("sam")
    case = store.cases.create(me, {"client_name": SPOOF})
    assert store.case_file.client(me, case.client_id).name == SPOOF
    store.close()
    shown = "Anna ⟨RLO⟩nosnhoJ⟨PDF⟩ Smi⟨ZWSP⟩th⟨BOM⟩ Le⟨SHY⟩igh 👩\u200d💻"
    app = CaselineApp(db=path, worker="sam")
    async with app.run_test(size=(160, 30)) as pilot:
        await loaded(pilot)
        row = strip_text(list(table(app).render_line(1)))
        assert shown in row, row
        assert not hidden(row)
        await pilot.press("enter")
        await loaded(pilot)
        assert isinstance(app.screen, CaseFileScreen)
        text = visible_text(app)
        assert shown in text
        assert not hidden(text)
        await pilot.press("ctrl+n")
        await loaded(pilot)
        await pilot.press(*"anna")
        await loaded(pilot)
        await until(pilot, lambda: "Anna ⟨RLO⟩nosnhoJ" in visible_text(app))
        text = visible_text(app)
        assert "Anna ⟨RLO⟩nosnhoJ" in text, text
        assert not hidden(text)


async def test_a_notification_naming_a_client_shows_the_marks(tmp_path: Path) -> None:
    path = tmp_path / "notify.db"
    Store.open(path).close()
    app = CaselineApp(db=path, worker="sam")
    async with app.run_test(size=(120, 30)) as pilot:
        await loaded(pilot)
        await pilot.press("a")
        await loaded(pilot)
        app.post_message(events.Paste("Anna \u202enosnhoJ"))  # kept as typed
        await pilot.pause()
        await duplicates_checked(pilot)  # the form looks for existing clients first
        await loaded(pilot)
        await pilot.press("ctrl+s")
        await loaded(pilot)
        assert [r.client_name for r in app.store.cases.caseload(app.me)] == ["Anna \u202enosnhoJ"]
        messages = [str(n.message) for n in app._notifications]
        assert any("created for Anna ⟨RLO⟩nosnhoJ." in m for m in messages), messages
        assert not any(hidden(m) for m in messages)
