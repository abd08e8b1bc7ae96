"""The app's screens, one folder per area:

- ``caseload/``: the caseload (views, sort, filter), adding a case, choosing a case or a draft.
- ``case_file/``: one case: its screen and keys, a module per tab, the client, network and
  professionals forms, transfer/close/reopen, the summary editor and versions, the history.
- ``notes/``: writing a note, reading one, the offer of a draft, the quality check.
- ``chronology/``: the chronology pane with its filters, and an entry's forms.
- ``plan/``: the service plan's pane and its keys, its forms, and a whole plan read-only.
- ``meetings/``: the meetings and their minutes, and the minutes editor.

Screens every area uses stay here: ``base`` (the app-aware screen), ``form`` (a form of
fields saved through the store), ``confirm``, ``choice``, ``help`` and ``export``. Widgets
that several areas share are in ``tui.widgets``, which never imports a screen.
"""
