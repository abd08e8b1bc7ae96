"""A case's chronology: the pane on the case file with its table and filters (``pane``), and an
entry added, edited or opened at its source (``entry``). Exporting it is in
``tui.screens.export``."""
