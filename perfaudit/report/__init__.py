"""Reporters: turn the engine's decisions (perfaudit.engine.Audit) into console output and files.

Each module renders; none decides anything (which findings exist, their severities, the
意见 and verdicts come from the engine).  The CLI wires them together.

* :mod:`.formats`  the table of ``check``'s output formats (``--csv``, ``--xlsx``, …): one row each
* :mod:`.common`   shared rows, summaries, ordering, formula neutralisation, the text sanitiser
* :mod:`.console`  rich console report (verdicts, 意见, findings, closing line)
* :mod:`.csv`, :mod:`.xlsx`, :mod:`.json`, :mod:`.html`  exports of a check run
* :mod:`.letters` (:mod:`.letter_docx`, :mod:`.letter_md`), :mod:`.annotate`  one file per input
* :mod:`.extract_out`  ``perfaudit extract --format json|csv|xlsx``
* :mod:`.rules`, :mod:`.stats`    ``perfaudit rules``, ``perfaudit stats``
"""
