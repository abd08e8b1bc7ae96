"""Lists of records shared by several screens: an option list that takes keys in the order they
were typed, and refilling a list without losing the worker's place in it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from textual.widgets import OptionList
from textual.widgets.option_list import Option

from tui.widgets.filled_later import FilledLater
from tui.widgets.textual_fixes import InOrderKeys
from tui.widgets.textual_fixes_more import OptionLinesKeptAtSameWidth


# OptionList's _on_resize takes no event, the mixin's does: Textual passes the Resize to a
# handler that takes one (tui.widgets.textual_fixes, 9), hence the ignore.
class InOrderOptionList(  # type: ignore[misc]
    FilledLater, InOrderKeys, OptionLinesKeptAtSameWidth, OptionList
):
    """An OptionList that takes keys in the order they were typed: text typed straight
    after `/` reaches the filter it opens. Shown again at the same width, it draws nothing
    again.

    ``chosen``: what `enter` (or a click) on an option does, done in the key's own turn, in
    place of posting ``OptionSelected``. Posted, it would be done a message later, after the
    keys typed straight behind `enter` (a slow SSH link delivers them together) had acted on
    this list's screen rather than on what `enter` opened.

    ``filled_later``: its records are read after it is shown (``FilledLater``).
    """

    def __init__(
        self,
        *content: Any,
        chosen: Callable[[Option], object] | None = None,
        filled_later: bool = False,
        **kwargs: Any,
    ) -> None:
        super().__init__(*content, **kwargs)
        self._chosen = chosen
        if filled_later:
            self.filled_later()

    def action_select(self) -> None:
        if self._chosen is not None and self.enter_waits():
            return
        index = self.highlighted
        if self._chosen is None or index is None:
            super().action_select()
            return
        option = self.get_option_at_index(index)
        if not option.disabled:
            self._chosen(option)


def refill(options: OptionList, new: list[Option], *, select: str | None = None) -> None:
    """Replace a list's options, highlighting option ``select`` (a record just added), else
    keeping the highlight on the same record if it is still there, else on the first one
    that can be chosen (so enter works straight away)."""
    current = options.highlighted_option
    keep = current.id if current is not None else None
    if select is not None and select in {o.id for o in new}:
        keep = select
    options.clear_options()
    options.add_options(new)
    ids = [o.id for o in new]
    if keep is not None and keep in ids:
        options.highlighted = ids.index(keep)
        return
    options.highlighted = next((i for i, o in enumerate(new) if not o.disabled), None)
