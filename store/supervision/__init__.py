"""Supervision: notes of supervision sessions, recorded on the worker supervised, never on a
client's case (``store.supervision``)."""
