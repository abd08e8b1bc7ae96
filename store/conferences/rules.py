"""What the minutes' operations and their input model share (no database, no pydantic)."""

NAMED_WHO = ("new", "other")  # attendees named as typed, not picked from the case's people
