"""Rules of the 'shape' family (see perfaudit.rules.FAMILIES): the table read as a whole
(how many indicators, how quantitative, uniform targets, bundled projects)."""
