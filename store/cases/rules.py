"""What a case's closure, transfer and reopening may hold, shared by the operations and the
forms' input models (no database, no pydantic, so both can import it)."""

REASON_MAX = 500
TRANSFER_REASON = "Say why the case is being transferred."
CLOSING_SUMMARY_MAX = 20_000
CASE_CONFLICT = (
    "Someone else changed this case since you opened it; reopen it to see their changes."
)

# The states of an item of the closure checklist (store.cases.closure).
OPEN = "open"
DONE = "done"
NOT_APPLICABLE = "not applicable"
CHECKLIST_STATES = (OPEN, DONE, NOT_APPLICABLE)
FINAL_SUMMARY = "final_summary"  # the item the closing summary itself answers
CHECKLIST_REASON_MAX = 500
NOT_APPLICABLE_REASON = "Say why this doesn't apply to the case."
FINAL_SUMMARY_MISSING = (
    "The closure checklist says the final summary is written: write it here, or reopen that item."
)


def open_items_message(count: int) -> str:
    """What the close form says when items are open and no reason is given."""
    items = (
        "1 item of the closure checklist is"
        if count == 1
        else (f"{count} items of the closure checklist are")
    )
    return f"{items} still open: say why the case is closing with them open."


# The most workers a restricted case may be named for: a few, or it isn't restricted.
NAMED_MAX = 12
