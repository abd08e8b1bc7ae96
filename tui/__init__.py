"""Caseline's terminal interface (Textual). The store knows nothing of this package."""
