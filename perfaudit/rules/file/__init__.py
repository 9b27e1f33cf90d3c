"""Rules of the 'file' family (see perfaudit.rules.FAMILIES)."""
