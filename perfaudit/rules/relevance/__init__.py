"""Rules of the 'relevance' family (see perfaudit.rules.FAMILIES)."""
