"""What the ``perfaudit`` command does before it parses its options: fork the first reading worker.

``perfaudit check``/``extract`` spend their first few hundred milliseconds importing the command
line library and parsing options; a worker forked at once (:func:`perfaudit.workers.start_early`)
imports the PDF reader meanwhile, on another core, and starts reading the first PDF named on the
command line.  This module imports nothing heavy so that it runs first.
"""

from __future__ import annotations

import os


def reads_files(argv: list[str]) -> bool:
    """Will this command line read files here (so a worker forked now is put to use)?"""
    if not argv or argv[0] not in ("check", "extract"):
        return False
    return not any(a in ("-h", "--help", "--version") or a.startswith("--scheduler") for a in argv[1:])


def first_pdf(argv: list[str]) -> str | None:
    """The first argument naming an existing .pdf file: the file the early worker reads ahead
    (a guess, made before the options are parsed; a wrong one only costs the early worker)."""
    for arg in argv[1:]:
        if not arg.startswith("-") and arg.lower().endswith(".pdf") and os.path.isfile(arg):
            return arg
    return None


def start_reading(argv: list[str]) -> None:
    """Fork the first worker for a command that reads files (once per process)."""
    if reads_files(argv):
        from .batch import process_file
        from .workers import start_early

        start_early(first_pdf(argv), process_file)
