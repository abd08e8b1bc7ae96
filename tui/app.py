"""The Caseline application."""

from __future__ import annotations

import asyncio
import gc
import sys
from collections.abc import Awaitable, Callable, Iterable, Sequence
from concurrent.futures import Future
from pathlib import Path, PurePath
from typing import TYPE_CHECKING, Any, ClassVar

from textual import events, work
from textual.app import App, SystemCommand
from textual.binding import Binding, BindingType
from textual.command import Provider
from textual.dom import DOMNode
from textual.driver import Driver
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import Worker, WorkerState

from store.common.errors import StoreError
from store.common.records import WorkerInfo
from store.common.settings import Config
from store.common.textsafe import visible
from store.common.words import plural
from store.service import Store
from tui.closing import ClosesQuietly
from tui.collector import CHECK_SECONDS, QUIET_SECONDS, IdleCollector
from tui.hangup import SavesOnHangUp
from tui.session import Session
from tui.widgets.terminal_output import send_only_what_changed
from tui.widgets.textual_fixes import (
    take_input,
    use_paste_in_order_parser,
)
from tui.widgets.textual_fixes_more import keep_parsed_css, read_screens_css
from tui.workers import report, run_store

if TYPE_CHECKING:
    # Not needed to draw the caseload: loaded when first used.
    from store.cases.records import CaseRow
    from store.notes.records import DraftInfo, LeftDraft
    from tui.screens.sign_in import SignIn

STARTED_AFTER_SECONDS = 1.0  # after the first caseload is shown, start-up is over
WARM_UP_AFTER_SECONDS = 1.5  # after start-up, once nobody is typing (``_warm_up_when_quiet``)
WARM_UP_MODULES = (
    "tui.screens.case_file.screen",
    "tui.screens.notes.note_editor",
    "tui.screens.notes.note_view",
    "tui.screens.chronology.entry",
    "tui.screens.form",
)
# ... and the screens among them whose CSS files are read then too (textual_fixes_more, 15).
WARM_UP_CSS = (
    ("tui.screens.case_file.screen", "CaseFileScreen"),
    ("tui.screens.notes.note_editor", "NoteEditorScreen"),
    ("tui.screens.form", "FormScreen"),
)
# Screens that only show records: leaving them loses nothing typed (see go_to_case).
READING_SCREENS = frozenset(
    {
        "CaseFileScreen",
        "ConferencesScreen",
        "MinutesScreen",
        "PlanViewScreen",
        "NoteViewScreen",
        "HistoryScreen",
        "SummaryVersionsScreen",
        "ChronologyEntryScreen",
        "HelpScreen",
    }
)


def as_typed(event: events.Event) -> events.Event:
    """A key as it was typed. Keys typed while the program starts, before the terminal is put
    in raw mode, pass through its line discipline, which turns enter's carriage return into a
    line feed (``ICRNL``): Textual reads that as ctrl+j, which nothing is bound to, and an
    `enter` typed with the command (`caseline` then `enter` at once) was lost. ctrl+j is
    taken as enter, as a shell takes it."""
    if isinstance(event, events.Key) and event.key == "ctrl+j" and not event.is_forwarded:
        return events.Key("enter", "\r")
    return event


class CaselineApp(Session, SavesOnHangUp, ClosesQuietly):
    """A keyboard-first caseload for social workers."""

    TITLE = "Caseline"
    # The caseload's own rules are read with the app's: it is the first screen, made before the
    # app is mounted (``get_default_screen``), and a screen's CSS read later re-parses it all.
    CSS_PATH: ClassVar[list[str | PurePath]] = ["app.tcss", "screens/caseload/caseload.tcss"]
    ENABLE_COMMAND_PALETTE = True
    COMMANDS = App.COMMANDS | {lambda: _case_search()}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding(
            "ctrl+q",
            "quit",
            "Quit",
            tooltip="Quit Caseline",
            show=False,
            id="app.quit",
            priority=True,
        ),
        Binding(
            "question_mark,f1", "help", "Keys", tooltip="Every key of this screen", id="app.help"
        ),
        Binding(
            "ctrl+f",
            "search",
            "Search",
            tooltip="Search every record you may read: notes, chronology, plans, minutes…",
            show=False,
            id="app.search",
            priority=True,
        ),
        Binding(
            "ctrl+n",
            "new_note",
            "New note",
            tooltip="Write a note: choose the case first",
            show=False,
            id="app.new_note",
            priority=True,
        ),
    ]

    def __init__(
        self,
        db: Path | str | None = None,
        *,
        store: Store | None = None,
        worker: str | None = None,
        me: WorkerInfo | None = None,
        sign_in: SignIn | None = None,
        demo: bool = False,
        config: Config | None = None,
        first_caseload: Future[list[CaseRow]] | None = None,
        today_at_start: bool = False,
    ) -> None:
        """Who is at the keyboard: ``sign_in``, if given, starts on the sign-in screen (the
        command line's way); else ``me``, a worker already signed in (a demo, an operating
        system login the agency trusts); else ``worker`` (or the login name) is taken as it is,
        registered if new: for tests and for programs embedding the app, never the command
        line's way. ``demo`` shows that the records are made up. ``first_caseload``, if given,
        is the worker's open cases being read while the app's code loads (see ``tui.cli``); the
        caseload shows them at once if they are ready. ``today_at_start``: what needs doing is
        shown over the caseload at start when something is overdue (the command line's way).
        The store opened from ``db`` is closed when the app ends; a ``store`` given is not."""
        super().__init__(sign_in)
        self.demo = demo
        self.today_at_start = today_at_start
        self._first_caseload = first_caseload
        self.refusal: str | None = None  # why the database was refused after all (``_refuse``)
        self._check_watched = False
        self.config = config or Config()
        # A store the app opens itself (given a path) it closes when it ends; one it is given
        # is its giver's to close (the command line's).
        self._own_store = store is None
        # Full garbage collections once the keyboard is quiet (tui.collector), from start-up's end.
        self._collector = IdleCollector(lambda: self.clock() - self._last_input)
        if store is None:
            if db is None:
                raise ValueError("CaselineApp needs a database path or an open store")
            store = Store.open(
                db,
                ref_format=self.config.ref_format,
                consent_expiring_days=self.config.consent_expiring_days,
            )
        self.store = store
        store.use_rules(
            contact_days=self.config.contact_overdue_days,
            summary_months=self.config.summary_max_age_months,
            chase_limit=self.config.referral_chase_limit,
        )
        if me is None and sign_in is None:
            from store.common.config import login_name

            me = store.workers.ensure(worker or login_name())
        if me is not None:
            self.me: WorkerInfo = me
        if self.config.keys:
            self.set_keymap(self.config.keys)

    def on_mount(self) -> None:
        if self.config.theme in self.available_themes:
            self.theme = self.config.theme
        self._install_signal_handlers()
        if self.start_signed_out():
            self._watch_file_check()
        else:
            self._begin()

    def on_unmount(self) -> None:
        self._collector.stop()
        if self._own_store:
            self.store.close()

    def _watch_file_check(self) -> None:
        """The file's check may still be running, or be held until now (a large file's, once
        the caseload is drawn: ``tui.cli``): if it fails, the app closes and the command says
        why, as it would have before starting."""
        if self._check_watched:
            return
        self._check_watched = True
        run_store(
            self,
            self.store.checked,  # begins the check if it was held
            done=lambda _passed: None,
            failed=self._refuse,
            name="file-check",
            exclusive=False,
        )

    def _refuse(self, error: StoreError) -> None:
        """The database failed its check: close, leaving the command to say so."""
        self.refusal = str(error)
        self.exit(return_code=1)

    def get_default_screen(self) -> Screen[Any]:
        # The worker known at start: the caseload is the first screen, drawn in the first
        # frame (pushed over Textual's blank default screen, it was drawn twice more as that
        # screen, below it, was laid out and resized).
        if self._sign_in is None:
            from tui.screens.caseload.screen import CaseloadScreen

            return CaseloadScreen()
        return super().get_default_screen()

    def _begin(self) -> None:
        """The worker is known: their caseload, and what they left unfinished."""
        from tui.screens.caseload.screen import CaseloadScreen, after_drawn

        stack = self.screen_stack
        if len(stack) > 1 or not isinstance(stack[0], CaseloadScreen):  # signed in just now
            self.push_screen(CaseloadScreen())
        self.watch_colleagues()
        self._warn_about_permissions()
        self.call_after_refresh(after_drawn, self, self._beside_the_caseload)
        self.set_timer(STARTED_AFTER_SECONDS, self.started)
        if not self.is_headless:
            self.set_timer(WARM_UP_AFTER_SECONDS, self._warm_up_when_quiet)

    def _beside_the_caseload(self) -> None:
        """Once the caseload is drawn, what looks at the records beside it: the file's check,
        the seals' check, the drafts left, what is overdue (begun before, their threads held
        up that frame)."""
        self._watch_file_check()
        from tui.integrity_check import check_seals

        check_seals(self, self.store)
        self._check_drafts()
        if self.today_at_start:
            from tui.screens.today.at_start import show_today_if_overdue

            show_today_if_overdue(self)

    def notify(
        self,
        message: str,
        *,
        title: str = "",
        severity: SeverityLevel = "information",
        timeout: float | None = None,
        markup: bool = True,
    ) -> None:
        # Messages name clients: their invisible characters are shown as marks, as elsewhere.
        super().notify(
            visible(message),
            title=visible(title),
            severity=severity,
            timeout=timeout,
            markup=markup,
        )

    def on_descendant_focus(self, event: events.DescendantFocus) -> None:
        # A text cursor blinks only if the worker asked for it: blinking, it redraws twice a
        # second, so an idle screen would never stop sending to the terminal (over SSH too).
        # (Any text field: Input, TextArea and the palette's own have the reactive; TextArea
        # is not imported to ask, which would slow start-up.)
        if hasattr(event.widget, "cursor_blink"):
            event.widget.cursor_blink = self.config.cursor_blink

    def get_driver_class(self) -> type[Driver]:
        # Pastes arrive whole and in order, escape sequences and all; a line redrawn in part
        # is sent in part; styles parsed once are not parsed again (tui.widgets.textual_fixes).
        driver_class = super().get_driver_class()
        use_paste_in_order_parser(driver_class)
        send_only_what_changed()
        keep_parsed_css()
        return driver_class

    async def on_event(self, event: events.Event) -> None:
        self.note_input(event)
        event = as_typed(event)
        if isinstance(event, events.Key) and not event.is_forwarded and self.focused is None:
            # To the screen, which passes it on if something has the focus by then
            # (``CaselineScreen._pass_on_to_the_focus``).
            setattr(event, "sent_unfocused", True)  # noqa: B010  # an attribute of our own
        # A text field takes every key itself, bindings included, so that keys arriving
        # together are applied in the order they were typed (tui.widgets.textual_fixes).
        if take_input(self, event):
            return
        await super().on_event(event)

    def started(self) -> None:
        """Start-up is over: collect garbage again, which the command line turned off while the
        app's code and first screen were being made. Those objects live as long as the app, so
        they are frozen first: later collections need not look at them again. From now on the
        full collections are made while the keyboard is quiet (``tui.collector``)."""
        if not gc.isenabled():
            gc.freeze()
            gc.enable()
        self._collector.start()
        self.set_interval(CHECK_SECONDS, self._collector.check, name="collector")

    def take_first_caseload(self) -> list[CaseRow] | None:
        """The worker's open cases read before start-up, once, if they are ready and were read
        as this worker; otherwise None, and the caseload reads them itself."""
        future, self._first_caseload = self._first_caseload, None
        if future is None or not future.done() or future.exception() is not None:
            return None
        return future.result()

    def _warm_up_when_quiet(self) -> None:
        """Warm up once the keyboard has been quiet a moment: the imports, in a thread, would
        otherwise take turns with the keys being typed (the first filter keystrokes took half
        as long again while they ran)."""
        if self.clock() - self._last_input >= QUIET_SECONDS:
            self._warm_up()
        else:
            self.set_timer(CHECK_SECONDS, self._warm_up_when_quiet)

    @work(thread=True, group="warm-up", exit_on_error=False)
    def _warm_up(self) -> None:
        """Load the code of the screens a worker opens next, and of the store's reads of a
        case, once the caseload is up, so the first case opens as quickly as the rest (it
        otherwise pays for the imports)."""
        import importlib

        for module in WARM_UP_MODULES:
            importlib.import_module(module)
        if self.is_running:  # the stylesheet is the app's thread's to change
            self.call_from_thread(read_screens_css, self, WARM_UP_CSS)
        self.store.warm_up()

    # -- never losing a note ---------------------------------------------------------------

    async def action_quit(self) -> None:
        """Quit, keeping every note being written as a draft (offered again next time).

        What is typed is read here; it is written in a thread, and the app ends once it is."""
        saved = await self.keep_open_work()
        if saved:
            self.log.info(f"{saved} note(s) kept as drafts on quitting")
        self.exit()

    async def keep_open_work(self) -> int:
        """Save every note and form being written as the worker's drafts, in a thread; how
        many were saved."""
        savers: list[Callable[[], object]] = []
        saved = 0
        for screen in self._editors():
            saver = getattr(screen, "draft_saver", None)
            if saver is None:
                saved += self._save_draft_of(screen)  # a screen that saves only at once
            elif (save := saver()) is not None:
                savers.append(save)
        saved += await asyncio.to_thread(self._run_savers, savers)
        return saved

    def _run_savers(self, savers: list[Callable[[], object]]) -> int:
        saved = 0
        for save in savers:
            try:
                save()
                saved += 1
            except Exception as exc:
                self.log.error(f"draft not saved: {exc!r}")
        return saved

    def save_open_drafts(self) -> int:
        """Synchronously save every note and form being written; returns how many were saved."""
        return sum(self._save_draft_of(screen) for screen in self._editors())

    def _save_draft_of(self, screen: Screen[object]) -> int:
        """1 if ``screen`` saved a draft there and then, 0 if not (or it failed: logged)."""
        try:
            return 0 if screen.save_draft_now() is False else 1  # type: ignore[attr-defined]
        except Exception as exc:
            self.log.error(f"draft not saved: {exc!r}")
            return 0

    def _editors(self) -> list[Screen[object]]:
        """The open screens where something is being written."""
        editors: tuple[type, ...] = ()
        # A module never loaded means no screen of it is open: don't load code to find none.
        if "tui.screens.notes.note_editor" in sys.modules:
            from tui.screens.notes.note_editor import NoteEditorScreen

            editors += (NoteEditorScreen,)
        if "tui.screens.form" in sys.modules:
            from tui.screens.form import FormScreen

            editors += (FormScreen,)
        if "tui.screens.supervision.editor" in sys.modules:
            from tui.screens.supervision.editor import SupervisionEditorScreen

            editors += (SupervisionEditorScreen,)
        if "tui.screens.meetings.minutes_editor" in sys.modules:
            from tui.screens.meetings.minutes_editor import MinutesEditorScreen

            editors += (MinutesEditorScreen,)
        return [s for s in self.screen_stack if editors and isinstance(s, editors)]

    def _warn_about_permissions(self) -> None:
        """Say so when other users of this computer can read or change the records (found when
        the database was opened); the owner decides whether to change the permissions."""
        if self.store.open_warnings:
            self.notify(
                "\n".join(self.store.open_warnings),
                title="Records not private",
                severity="warning",
                markup=False,
                timeout=30,
            )

    def _check_drafts(self) -> None:
        store, me = self.store, self.me

        def read() -> tuple[list[str], list[DraftInfo], list[LeftDraft]]:
            forms = store.forms.drafts(me)
            titles = [title for _key, title, _at in forms]
            return titles, store.notes.drafts(me), store.notes.drafts_left(me)

        run_store(self, read, done=self._show_drafts_left, name="drafts", exclusive=False)

    def _show_drafts_left(self, found: tuple[list[str], list[DraftInfo], list[LeftDraft]]) -> None:
        titles, drafts, left = found
        if titles:
            self._mention_forms(titles)
        if drafts or left:
            self._offer_drafts(drafts, left)

    def _mention_forms(self, titles: list[str]) -> None:
        count = len(titles)
        listed = "; ".join(titles[:3]) + ("; …" if count > 3 else "")
        self.notify(
            f"{plural(count, 'unfinished form')}: {listed}. "
            "Open the same form again to carry on where you left off.",
            title="Drafts",
            markup=False,
            timeout=10,
        )

    def _offer_drafts(self, drafts: list[DraftInfo], left: list[LeftDraft]) -> None:
        count = len(drafts)
        said = [plural(count, "unsaved draft")] if count else []
        if left:
            authors = sorted({d.author_name for d in left})
            said.append(
                f"{plural(len(left), 'unfinished note')} left on your cases by {', '.join(authors)}"
            )
        self.notify("; ".join(said), title="Drafts", markup=False, timeout=6)
        if count == 1 and not left:
            self.open_note_editor(drafts[0])
        else:
            self.show_drafts(drafts, left)

    def show_drafts(self, drafts: list[DraftInfo], left: Sequence[LeftDraft] = ()) -> None:
        from store.notes.records import LeftDraft
        from tui.screens.caseload.pickers import DraftsScreen

        def opens(draft: DraftInfo | LeftDraft) -> None:
            if isinstance(draft, LeftDraft):
                from tui.screens.notes.left_draft import LeftDraftScreen

                self.push_screen(LeftDraftScreen(draft))
            else:
                self.open_note_editor(draft)

        self.push_screen(DraftsScreen(drafts, left, opens=opens))

    def open_note_editor(self, draft: DraftInfo) -> None:
        """Open the editor on a draft note."""
        from tui.screens.notes.note_editor import NoteEditorScreen

        self.push_screen(NoteEditorScreen(draft.case_id, "", draft))

    async def start_note(self, case_id: int, case_label: str) -> None:
        """A new note on a case, for a key: see ``tui.screens.notes.draft_offer.start_note``."""
        from tui.screens.notes.draft_offer import start_note

        await start_note(self, case_id, case_label)

    def action_new_note(self) -> None:
        from tui.screens.caseload.pickers import CasePickerScreen
        from tui.screens.notes.draft_offer import start_note
        from tui.screens.notes.note_editor import NoteEditorScreen

        if isinstance(self.screen, NoteEditorScreen):
            return

        async def opens(case_id: int, picker: Screen[Any]) -> None:
            await start_note(self, case_id, None, leaving=picker)

        self.push_screen(CasePickerScreen(opens=opens))

    def action_search(self) -> None:
        """Search the records: the case on show, if there is one (``a`` widens it)."""
        from tui.screens.search.screen import SearchScreen

        screen = self.screen
        if isinstance(screen, SearchScreen):
            screen.action_box()
            return
        case_id = getattr(screen, "case_id", None)
        label = ""
        if isinstance(case_id, int):
            detail = getattr(screen, "detail", None)
            label = (
                f"{detail.ref} · {detail.client_name}"
                if detail is not None
                else str(getattr(screen, "case_label", "") or "this case")
            )
        else:
            case_id = None

        self.push_screen(SearchScreen(case_id, label))  # it opens what is chosen itself

    # -- actions -----------------------------------------------------------------------

    def action_help(self) -> None:
        from tui.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.screen))

    def open_case(self, case_id: int) -> None:
        """Show a case's file on top of whatever is showing."""
        from tui.screens.case_file.screen import CaseFileScreen

        self.push_screen(CaseFileScreen(case_id))

    async def go_to_case(self, case_id: int) -> None:
        """Open a case as if from the caseload (the command palette does): the screens read
        on the way there (another case, its meetings, a note...) are closed first, so escape
        from the case leads back to the caseload. A screen where something is being written
        is never closed: then the case opens on top of it, and escape returns to the writing."""
        stack = self.screen_stack
        base = next((i for i, s in enumerate(stack) if type(s).__name__ == "CaseloadScreen"), None)
        if base is not None and all(type(s).__name__ in READING_SCREENS for s in stack[base + 1 :]):
            for _ in stack[base + 1 :]:
                await self.pop_screen()
        self.open_case(case_id)

    # -- command palette ---------------------------------------------------------------

    def get_system_commands(self, screen: Screen[object]) -> Iterable[SystemCommand]:
        """Every action of the current screen, then the app's own."""
        seen: set[str] = set()
        for active in screen.active_bindings.values():
            binding = active.binding
            if not binding.description or binding.action in seen or not active.enabled:
                continue
            if binding.action in ("quit", "app.quit", "command_palette", "app.command_palette"):
                continue
            seen.add(binding.action)
            key = self.get_key_display(binding)
            help_text = binding.tooltip or binding.description
            yield SystemCommand(
                binding.description,
                f"{help_text} ({key})",
                _runner(self, binding.action, active.node),
            )
        yield from super().get_system_commands(screen)

    # -- errors ------------------------------------------------------------------------

    def on_worker_state_changed(self, event: Worker.StateChanged) -> None:
        """Failures of the app's own background jobs."""
        if event.state == WorkerState.ERROR and event.worker.error is not None:
            report(self, event.worker.error)


def _case_search() -> type[Provider]:
    from tui.commands import CaseSearch

    return CaseSearch


def _runner(app: App[None], action: str, node: DOMNode) -> Callable[[], Awaitable[None]]:
    async def run() -> None:
        await app.run_action(action, node)

    return run
