"""Catching store calls made on the UI thread while the app runs.

The UI thread never waits on the database (``tui.workers.run_store``). ``watch_ui_thread``
wraps the public methods of ``Store`` and of every service it holds (``store.notes``,
``store.plans`` ...) and the database's ``reading()`` and ``writing()``: a call
made on the thread running a Caseline app's event loop, with code of the ``tui`` package on the
stack, is recorded. A test's own calls (setting up data, checking results) have no ``tui`` code
on the stack and don't count; nor do the app's calls before it starts running (opening the
database it was given).
"""

from __future__ import annotations

import functools
import inspect
import sys
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from types import FrameType
from typing import Any

import pytest
from textual._context import active_app

from store.core.db import Database
from store.service import Store

# Modules whose UI-thread store calls are still to be moved into workers
# (tui.workers.run_store), each with the call it makes: none now. A call from any module not
# listed fails the test that made it.
ALLOWED_MODULES: dict[str, str] = {}


@dataclass(frozen=True)
class UiThreadCall:
    """A store call made on the UI thread: what was called, and the ``tui`` line calling it."""

    method: str
    module: str
    where: str

    def __str__(self) -> str:
        return f"{self.method} from {self.where}"


class UiThreadWatch:
    """The store calls made on the UI thread so far, in order."""

    def __init__(self) -> None:
        self.calls: list[UiThreadCall] = []
        self._inside = threading.local()

    @contextmanager
    def hanging_up(self) -> Iterator[None]:
        """The terminal going away, as a test plays it: what is typed is saved there and then,
        on whatever thread the signal arrives (CaselineApp._on_terminate), because the process
        ends straight after and no worker would be waited for. Calls made inside don't count."""
        self._inside.hanging_up = True
        try:
            yield
        finally:
            self._inside.hanging_up = False

    def offending(self) -> list[UiThreadCall]:
        return [c for c in self.calls if c.module not in ALLOWED_MODULES]

    def wrap(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        watch = self

        @functools.wraps(method)
        def watched(*args: Any, **kwargs: Any) -> Any:
            # Only the outermost store call counts: the store calling itself is one call.
            if getattr(watch._inside, "depth", 0) == 0:
                watch._check(name)
            watch._inside.depth = getattr(watch._inside, "depth", 0) + 1
            try:
                return method(*args, **kwargs)
            finally:
                watch._inside.depth -= 1

        return watched

    def wrap_context(self, name: str, method: Callable[..., Any]) -> Callable[..., Any]:
        watch = self

        @functools.wraps(method)
        @contextmanager
        def watched(*args: Any, **kwargs: Any) -> Iterator[Any]:
            if getattr(watch._inside, "depth", 0) == 0:
                watch._check(name)
            watch._inside.depth = getattr(watch._inside, "depth", 0) + 1
            try:
                with method(*args, **kwargs) as value:
                    yield value
            finally:
                watch._inside.depth -= 1

        return watched

    def _check(self, name: str) -> None:
        if getattr(self._inside, "hanging_up", False):
            return
        app = active_app.get(None)
        if app is None or not app.is_running or app._thread_id != threading.get_ident():
            return
        frame: FrameType | None = sys._getframe(2)
        while frame is not None:
            module = frame.f_globals.get("__name__", "")
            if module == "tui" or module.startswith("tui."):
                where = f"{_relative(frame.f_code.co_filename)}:{frame.f_lineno}"
                self.calls.append(UiThreadCall(name, module, where))
                return
            frame = frame.f_back


def _relative(filename: str) -> str:
    path = Path(filename)
    for parent in path.parents:
        if parent.name == "tui":
            return str(path.relative_to(parent.parent))
    return filename


def _services() -> list[tuple[str, type]]:
    """``Store`` and the classes of the services it holds, with the name a call is shown by
    ("Store", "cases" for ``store.cases``)."""
    import importlib

    from store.areas import Areas

    found: list[tuple[str, type]] = [("Store", Store)]
    # Each is imported when first used (``store.areas``): import every area's service here.
    for area, value in vars(Areas).items():
        if isinstance(value, cached_property):
            module = importlib.import_module(f"store.{area}.service")
            for name, cls in vars(module).items():
                if (
                    inspect.isclass(cls)
                    and name.endswith("Service")
                    and cls.__module__ == module.__name__
                ):
                    found.append((name.removesuffix("Service").lower(), cls))
    return found


def _store_methods(cls: type) -> list[str]:
    names = []
    for name, value in inspect.getmembers(cls):
        if name.startswith("_") or not inspect.isfunction(value):
            continue  # private helpers, properties, and the class methods that open a file
        names.append(name)
    return names


@contextmanager
def watching() -> Iterator[UiThreadWatch]:
    """Record UI-thread store calls while the block runs (its own patches: a test's
    ``monkeypatch.undo()`` leaves them in place)."""
    watch = UiThreadWatch()
    with pytest.MonkeyPatch.context() as patch:
        for label, cls in _services():
            for name in _store_methods(cls):
                patch.setattr(cls, name, watch.wrap(f"{label}.{name}", getattr(cls, name)))
        for name in ("reading", "writing"):
            original = getattr(Database, name)
            patch.setattr(Database, name, watch.wrap_context(f"Database.{name}", original))
        yield watch


def fail_on_ui_thread_calls(watch: UiThreadWatch) -> None:
    offending = watch.offending()
    if offending:
        listed = "\n".join(f"  {call}" for call in offending)
        pytest.fail(
            "The store was called on the UI thread (use tui.workers.run_store):\n" + listed,
            pytrace=False,
        )
