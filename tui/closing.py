"""Closing without a traceback when a screen is still being put up as the app closes.

Quitting (or a hang-up) while a screen is being mounted takes its parts away under it: its
own mount handlers, and Textual's widgets' (``Tabs``, ``Select``), then look for parts that
are gone and raise. Textual takes any such error for a crash: it prints a traceback over the
terminal the worker is leaving and exits with status 1. Once the app is closing, what the
worker was writing has been kept already (``keep_open_work``, the hang-up's save), so these
are only logged.
"""

from __future__ import annotations

from textual.css.query import QueryError

from tui.host import CaselineHost

# What a part that went with the closing raises when looked for, or when a handler that
# runs as a widget is mounted finds nothing of what it was given.
MOUNT_HANDLERS = frozenset({"on_mount", "_on_mount", "_on_compose", "on_compose"})


class ClosesQuietly(CaselineHost):
    """The app's part that leaves a screen half put up alone once the app is closing."""

    def _handle_exception(self, error: Exception) -> None:
        if self._exit and torn_down(error):
            self.log.warning(f"left as the app closed: {error!r}")
            return
        super()._handle_exception(error)


def torn_down(error: BaseException) -> bool:
    """True for what a widget raises when its parts went with the app's closing: a query
    that found nothing, or any failure of a handler run as the widget was mounted."""
    if isinstance(error, QueryError):
        return True
    trace = error.__traceback__
    while trace is not None:
        if trace.tb_frame.f_code.co_name in MOUNT_HANDLERS:
            return True
        trace = trace.tb_next
    return False
