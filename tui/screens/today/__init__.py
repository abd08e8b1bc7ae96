"""What needs doing: the agenda ("today", g on the caseload), tasks' forms, and the case file's
record-health line."""
