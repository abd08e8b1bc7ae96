"""Case conferences: the list of a case's meetings and their minutes read (``conferences``), and
the minutes being written (``minutes_editor``, the screen; ``minutes_page``, its fields and rows
read and written as one state; ``minutes_rows``, the attendee, agenda and action rows;
``minutes_state``, that state to and from what the store takes and gives)."""
