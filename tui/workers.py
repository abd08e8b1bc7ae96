"""Store calls off the UI thread, and one way of telling the worker what went wrong.

The UI thread never waits on the database: a screen or widget hands a store call to
``run_store``, which runs it in a thread worker and brings back on the UI thread either the
result (to ``done``) or the error (to ``failed``, or to ``report``). A screen that has been
closed in the meantime gets nothing: its widgets are gone.
"""

from __future__ import annotations

import asyncio
import functools
import inspect
from collections.abc import Awaitable, Callable
from typing import Any, TypeVar, cast

from textual.app import App
from textual.dom import DOMNode
from textual.worker import Worker, active_worker, get_current_worker

from store.common.errors import StoreError

T = TypeVar("T")

ERROR_SECONDS = 10  # long enough to read a sentence that names a record


def report(app: App[Any], error: BaseException) -> None:
    """Tell the worker what went wrong, in words; the screen and its typing stay put.

    A store error's message is written for people and is shown as it is; anything else is a
    fault, shown by its kind and logged.
    """
    if isinstance(error, StoreError):
        message = str(error)
    else:
        message = f"Something went wrong: {type(error).__name__}: {error}"
        app.log.error(repr(error))
    app.notify(message, title="Error", severity="error", markup=False, timeout=ERROR_SECONDS)


def run_store(
    node: DOMNode,
    call: Callable[[], T],
    *,
    done: Callable[[T], object],
    failed: Callable[[StoreError], object] | None = None,
    settled: Callable[[], object] | None = None,
    name: str,
    exclusive: bool = True,
) -> Worker[None]:
    """Run ``call`` (a store call) in a thread worker named ``name``, in the group of that name.

    On the UI thread afterwards: ``settled()`` first if given, however the call ended (to clear
    a busy flag); then ``done(result)``, or ``failed(error)`` for a ``StoreError`` (``report``
    when no ``failed`` is given); any other exception is reported and logged. If ``node`` is no
    longer attached, or a newer run of an ``exclusive`` worker of the same name replaced this
    one, the result is dropped; an error is still reported. Nothing is raised into Textual, so
    a failing call never ends the app.
    """
    app = node.app

    # Each callback is awaited if it returns an awaitable (``dismiss`` does): the worker ends
    # once what it brought back has been applied.
    async def deliver(result: T) -> None:
        if _current(node):
            try:
                if settled is not None:
                    await _finish(settled())
                await _finish(done(result))
            except Exception as error:  # a fault in the screen: said, not lost
                report(app, error)

    async def deliver_error(error: BaseException) -> None:
        current = _current(node)
        try:
            if current and settled is not None:
                await _finish(settled())
            if isinstance(error, StoreError) and failed is not None and current:
                await _finish(failed(error))
                return
        except Exception as fault:
            report(app, fault)
        report(app, error)

    def work() -> None:
        worker = get_current_worker()
        try:
            try:
                result = call()
            except Exception as error:
                _back(app, deliver_error, error)
                return
            if not worker.is_cancelled:
                _back(app, deliver, result)
        finally:
            # The pool's thread keeps the worker it ran last in its context, and through it
            # this screen, until it runs another: a closed case file would stay in memory.
            active_worker.set(cast(Any, None))

    return node.run_worker(
        work, name=name, group=name, thread=True, exclusive=exclusive, exit_on_error=False
    )


async def store_result(app: App[Any], call: Callable[[], T], *, name: str) -> T:
    """``call`` run in a thread as ``run_store`` runs it, and awaited: for a key whose work
    must be over before the keys typed after it are handled (they wait in their widget's
    queue meanwhile, as they would behind a slow key). Raises what ``call`` raised."""
    loop = asyncio.get_running_loop()
    outcome: asyncio.Future[tuple[bool, Any]] = loop.create_future()

    def guarded() -> tuple[bool, Any]:
        try:
            return True, call()
        except Exception as error:  # brought back and raised where it is awaited
            return False, error

    # Run for the app, which stays attached: a result is never dropped, so this always ends.
    run_store(app, guarded, done=outcome.set_result, name=name, exclusive=False)
    ok, value = await outcome
    if not ok:
        raise value
    return cast(T, value)


async def read_in_turn(app: App[Any], call: Callable[[], T], *, name: str) -> T | None:
    """``store_result`` for a key that opens a screen with what it reads (the keys typed after
    it wait, and are typed into that screen): the result, or None once ``report`` has told
    the worker why it could not be read."""
    try:
        return await store_result(app, call, name=name)
    except Exception as error:
        report(app, error)
        return None


async def _finish(outcome: object) -> None:
    if inspect.isawaitable(outcome):
        await outcome


def _current(node: DOMNode) -> bool:
    """Is ``node`` still part of the app (a closed screen is not)?"""
    return node.is_attached and not node._closing and not node._closed


def _back(app: App[Any], callback: Callable[[T], Awaitable[None]], value: T) -> None:
    """Run ``callback(value)`` on the UI thread, waiting for it (so a test that waits for the
    workers to finish sees the result on screen); nothing if the app has already stopped."""
    applied: Callable[[], Any] = functools.partial(callback, value)  # awaited by Textual
    try:
        app.call_from_thread(applied)
    except RuntimeError:
        if app.is_running:
            raise
