"""Rules of the 'category' family (see perfaudit.rules.FAMILIES)."""
