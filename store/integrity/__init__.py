"""Proving the records were not altered: the chain of seals checked again (``store.integrity``)."""
