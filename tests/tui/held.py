"""A store call held up by a test, as a busy database would hold it, until released."""

from __future__ import annotations

import threading
from typing import Any

import pytest
from textual.pilot import Pilot
from textual.screen import Screen

from .helpers import burst, loaded, pushed
from .waiting import keys_handed_on, meanwhile, until


class Held:
    """``owner.name`` held up until ``release``; ``calls`` counts the calls made."""

    def __init__(self, monkeypatch: pytest.MonkeyPatch, owner: Any, name: str) -> None:
        self.calls = 0
        self._go = threading.Event()
        real = getattr(owner, name)

        def held(*args: Any, **kwargs: Any) -> Any:
            self.calls += 1
            self._go.wait(15)
            return real(*args, **kwargs)

        monkeypatch.setattr(owner, name, held)

    async def started(self) -> None:
        """Wait until the call has begun (without waiting for the screen to be idle: a widget
        may be awaiting the call in a key's turn)."""
        await meanwhile(lambda: self.calls >= 1)

    def release(self) -> None:
        self._go.set()

    async def release_once_typed(self, pilot: Pilot[None]) -> None:
        """Wait until the key has begun the call and every key after it has been handed on
        by the app, then let the call finish (a screen may read twice: told of a change of
        the records, the case's opening audited meanwhile, it reads again)."""
        await meanwhile(lambda: self.calls >= 1)
        await keys_handed_on(pilot.app)
        self.release()


async def closed_again(pilot: Pilot[None], held: Held, key: str, kind: type[Screen[Any]]) -> None:
    """``key`` and an escape typed with it, in one burst, the held read released once both
    have come: what the key opened is opened, once, and closed again by the escape, back on
    the screen they were typed on."""
    app = pilot.app
    screen = app.screen
    opened = pushed(app)
    burst(app, key, "escape")
    await held.release_once_typed(pilot)
    await until(pilot, lambda: len(opened) == 1)
    await until(pilot, lambda: app.screen is screen)
    await loaded(pilot)
    assert opened == [kind]
