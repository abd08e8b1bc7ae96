"""Case notes: writing one (``note_editor``), reading one with its amendments (``note_view``),
being offered an unsaved draft before starting another (``draft_offer``), and the quality
check before saving (``quality``). A case's list of notes is a tab of the case file."""
