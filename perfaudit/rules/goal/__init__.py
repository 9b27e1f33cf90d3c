"""Rules of the 'goal' family (see perfaudit.rules.FAMILIES)."""
