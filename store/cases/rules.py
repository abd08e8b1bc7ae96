"""What a case's closure, transfer and reopening may hold, shared by the operations and the
forms' input models (no database, no pydantic, so both can import it)."""

REASON_MAX = 500
TRANSFER_REASON = "Say why the case is being transferred."
CLOSING_SUMMARY_MAX = 20_000
CASE_CONFLICT = (
    "Someone else changed this case since you opened it; reopen it to see their changes."
)
