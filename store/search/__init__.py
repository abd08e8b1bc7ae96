"""Searching everywhere: one box over a case's records (notes, amendments, chronology, the
summary, plans and reviews, minutes, assessments, referrals), limited to what the worker may
read. ``query`` turns what was typed into terms, ``sqlite`` runs them against the full-text
index (made and kept in step by migration 20), ``postgres`` against PostgreSQL's (made with its
schema, ``store.core.postgres_search``), ``service`` is the door and picks between them."""
