"""``python -m tui``: the same as the ``caseline`` command."""

from tui.cli import main

raise SystemExit(main())
