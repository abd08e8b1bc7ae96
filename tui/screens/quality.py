"""Re-export: the quality check modal lives with the other small modals."""

from tui.screens.choice import QualityScreen

__all__ = ["QualityScreen"]
