"""The caseload: the screen with its views, sort and filter (``screen``), its table of cases
(``case_table``), adding a case (``new_case``), and choosing a case or a draft note from
anywhere (``pickers``)."""
