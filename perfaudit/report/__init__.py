"""Reporters: turn ExtractResults and Findings into console output and export files.

Each module renders; none decides anything.  The CLI wires them together.

* :mod:`.common`   shared rows, summaries, ordering, formula neutralisation
* :mod:`.console`  rich console report (summary table, findings, closing line)
* :mod:`.csv`, :mod:`.xlsx`, :mod:`.json`, :mod:`.html`  exports of a check run
* :mod:`.extract_out`  ``perfaudit extract --format json|csv|xlsx``
* :mod:`.rules`    ``perfaudit rules``
"""
