"""Rules of the 'values' family (see perfaudit.rules.FAMILIES)."""
