"""Rules of the 'profile' family (see perfaudit.rules.FAMILIES): the indicator set a project of
each type is expected to carry (perfaudit/data/profiles.toml)."""
