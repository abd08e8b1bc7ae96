"""What supervision records share: the limits and the fields a draft keeps (no database, no
pydantic, so the operations and the input model can both import it). Who may read and write
them is with the other rules, in ``store.core.permissions``."""

from __future__ import annotations

BODY_MAX = 200_000
ACTIONS_MAX = 20_000
REASON_MAX = 300
DRAFT_FIELDS = ("held_on", "body", "agreed_actions")
