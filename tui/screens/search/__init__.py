"""Searching everywhere (``ctrl+f``): the search screen, its result lines, and opening the
record a result is about."""
