"""A case's file: the screen with its header, tabs and keys (``screen``), a module per tab
(``overview``, ``summary``, ``notes_list``; the chronology and the plan have their own areas),
the forms for the client, the support network and the professionals (``network``), the case's
lifecycle forms (``lifecycle``: transfer, close, reopen), and the screens opened from it: the
summary editor and its versions, and the case's history."""
