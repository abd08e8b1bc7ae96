"""The service plan: its pane on the case file and the pane's keys (``pane``), its forms
(``forms``) and the read-only view of a whole plan (``view``)."""
