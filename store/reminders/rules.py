"""What a task may hold, shared by the service and the forms' input models (no database, no
pydantic). The rules of what needs doing are ``store.common.reminders``."""

TITLE_MAX = 200
NOTE_MAX = 2_000
REASON_MAX = 500
ALREADY_DONE = "This task is done already."
CLOSED_CHANGE = "change its tasks"  # "Case X is closed; reopen it to ..."
