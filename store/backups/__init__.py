"""Copies of the whole database: a backup taken while colleagues go on working, checked
before it is kept, and the file's own check (SQLite's integrity check) asked for by hand."""
