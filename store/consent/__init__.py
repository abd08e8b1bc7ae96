"""Consent to share a client's information, and the log of what was shared with whom."""
