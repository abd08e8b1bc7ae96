"""What the store and the screens both speak: dates as people type them, text made safe to show,
the store's errors, plain records, the "needs doing" rules, Markdown escaping and configuration.

Nothing here opens or reads the database (that is ``store.core``, which the screens never import).
"""
