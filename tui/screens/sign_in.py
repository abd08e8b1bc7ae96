"""Who is at the keyboard: the sign-in screen, shown before anything from the records.

It shows no client data, and nothing of the records at all: a login box and a passphrase box.
On a database with no administrator yet (a new one, or one from before sign-in existed) it sets
up the first administrator instead, who then gives everyone else their login
(``caseline admin add``).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from textual.app import ComposeResult
from textual.binding import Binding, BindingType
from textual.containers import Horizontal, Vertical
from textual.widgets import Input, Static

from store.audit.service import origin_here
from store.common.errors import InvalidInput, SignInRefused, StoreError
from store.common.records import WorkerInfo
from tui.screens.base import CaselineScreen
from tui.widgets.safe import SafeInput
from tui.workers import run_store


@dataclass(frozen=True)
class SignIn:
    """What the screen is for: the login to offer (``--worker``, the environment, the config
    file or the computer's login name, or the worker who locked the screen); whether the
    database still needs its first administrator; and, for a locked screen, when it locked."""

    login: str = ""
    setup: bool = False
    locked_at: str = ""


class SignInScreen(CaselineScreen[WorkerInfo]):
    """Login and passphrase; dismissed with the signed-in worker.

    Also the lock screen (``SignIn.locked_at``): it covers every screen beneath it and names
    nothing from the records. The worker's own passphrase opens it again, everything as it
    was; another worker may sign in instead (the app keeps the first one's open work as their
    drafts).
    """

    CSS_PATH = "sign_in.tcss"
    AUTO_FOCUS = ""
    # With priority, enter runs in the field's own queue, in order with the keys typed after
    # it: a passphrase typed straight after enter goes to the next box (textual_fixes).
    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("enter", "next", "Sign in", show=False, priority=True, id="sign_in.next"),
    ]

    def __init__(self, plan: SignIn) -> None:
        super().__init__()
        self.plan = plan
        self._busy = False
        self._wait_left = 0

    def compose(self) -> ComposeResult:
        setup, locked_at = self.plan.setup, self.plan.locked_at
        with Horizontal(classes="title-bar"):
            yield Static("Caseline", classes="title")
        with Vertical(id="sign-in"):
            title = "Set up the first administrator" if setup else "Sign in"
            yield Static("Locked" if locked_at else title, id="sign-in-title")
            if locked_at:
                yield Static(
                    f"Locked at {locked_at}. Your passphrase opens it as you left it; another "
                    "worker signing in here keeps your open work as your drafts.",
                    id="sign-in-about",
                    classes="muted",
                    markup=False,
                )
            if setup:
                yield Static(
                    "This database has no administrator yet. The administrator gives each "
                    "worker their login; choose yours and a passphrase of at least "
                    f"{self.caseline.config.min_passphrase_length} characters.",
                    id="sign-in-about",
                    classes="muted",
                    markup=False,
                )
            yield self._field("Login", SafeInput(self.plan.login, id="login", compact=True))
            if setup:
                yield self._field("Your name", SafeInput(id="name", compact=True))
            yield self._field("Passphrase", SafeInput(password=True, id="passphrase", compact=True))
            if setup:
                yield self._field("Again", SafeInput(password=True, id="again", compact=True))
            yield Static("", id="sign-in-message", classes="error-text", markup=False)
            yield Static(self._keys_hint(), id="sign-in-keys", classes="muted")

    def _field(self, label: str, box: Input) -> Horizontal:
        return Horizontal(Static(label, classes="label"), box, classes="field")

    def on_mount(self) -> None:
        # The first empty box: the passphrase when the login is already known.
        empty = next((box for box in self.query(Input) if not box.value), None)
        self.set_focus(empty or self.query_one("#login", Input))

    # -- typing --------------------------------------------------------------------------

    def action_next(self) -> None:
        """Enter: on to the next empty box, or sign in from the last one."""
        boxes = list(self.query(Input))
        focused = self.focused
        if focused in boxes and focused is not boxes[-1] and not self._all_filled(boxes):
            self.focus_next()
            return
        self._submit()

    def _all_filled(self, boxes: list[Input]) -> bool:
        return all(box.value for box in boxes if box.id != "name")

    def _say(self, message: str) -> None:
        self.query_one("#sign-in-message", Static).update(message)

    # -- signing in ------------------------------------------------------------------------

    def _submit(self) -> None:
        if self._busy or self._wait_left:
            return
        login = self.query_one("#login", Input).value.strip()
        passphrase = self.query_one("#passphrase", Input).value
        if not login:
            self._say("Type your login.")
            self.set_focus(self.query_one("#login", Input))
            return
        if not passphrase:
            self._say("Type your passphrase.")
            self.set_focus(self.query_one("#passphrase", Input))
            return
        store = self.caseline.store
        origin = origin_here()
        if self.plan.setup:
            again = self.query_one("#again", Input).value
            if again != passphrase:
                self._say("The two passphrases differ: type it again in both boxes.")
                self._clear_passphrases()
                return
            name = self.query_one("#name", Input).value.strip() or None

            def call() -> WorkerInfo:
                return store.workers.init_administrator(login, name, passphrase)
        else:

            def call() -> WorkerInfo:
                return store.workers.sign_in(login, passphrase, origin=origin)

        self._busy = True
        self._say("")
        self.query_one("#sign-in-keys", Static).update("Checking…")
        run_store(
            self,
            call,
            done=self.dismiss,
            failed=self._refused,
            settled=self._settled,
            name="sign-in",
        )

    def _settled(self) -> None:
        self._busy = False
        self.query_one("#sign-in-keys", Static).update(self._keys_hint())

    def _keys_hint(self) -> str:
        if self.plan.locked_at:
            action = "unlock"
        else:
            action = "set up and sign in" if self.plan.setup else "sign in"
        return f"enter: {action}   ctrl+q: quit"

    def _refused(self, error: StoreError) -> None:
        fields = error.errors if isinstance(error, InvalidInput) else {}
        self._say(" ".join(fields.values()) or str(error))
        self._clear_passphrases()
        retry_after = error.retry_after if isinstance(error, SignInRefused) else None
        if retry_after:
            self._wait_left = max(1, round(retry_after))
            self.set_timer(self._wait_left, self._wait_over, name="sign-in-wait")

    def _wait_over(self) -> None:
        self._wait_left = 0
        self._say("You can try again now.")

    def _clear_passphrases(self) -> None:
        for box in self.query(Input):
            if box.password:
                box.value = ""
        self.set_focus(self.query_one("#passphrase", Input))
