"""Caseline's data layer: models, migrations and the service API the UI and CLI call.

Nothing in this package imports Textual or Rich (an import-linter contract checks it).
"""

__version__ = "0.1.0"
