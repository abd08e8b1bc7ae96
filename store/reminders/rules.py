"""What a task may hold, shared by the service and the forms' input models (no database, no
pydantic). The rules of what needs doing are ``store.core.reminders``."""

TITLE_MAX = 200
NOTE_MAX = 2_000
REASON_MAX = 500
TASK_CONFLICT = "Someone else changed this task since you opened it; open it again."
ALREADY_DONE = "This task is done already."
CLOSED_CHANGE = "change its tasks"  # "Case X is closed; reopen it to ..."
NOT_A_TASK = (
    "Only tasks move to another day: this is what the record needs, and it stays until it is done."
)
