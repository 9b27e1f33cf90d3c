"""Rules of the 'budget' family (see perfaudit.rules.FAMILIES)."""
