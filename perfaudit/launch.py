"""What the ``perfaudit`` command does before it parses its options: fork the first reading worker.

``perfaudit check``/``extract`` spend their first few hundred milliseconds importing the command
line library and parsing options; a worker forked at once (:func:`perfaudit.workers.start_early`)
imports the PDF reader meanwhile, on another core, and starts reading the first PDF named on the
command line.  This module imports nothing heavy so that it runs first.
"""

from __future__ import annotations

import os
import sys


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


def leave(code: object) -> None:
    """End the process once the command is done: flush the streams, run the exit handlers (loggers,
    temporary folders, multiprocessing), then exit without the interpreter's module teardown,
    which costs a third of a second once pandas, numpy and pdfminer are loaded.  Every export is
    written and closed by then (perfaudit.safe_io writes whole files atomically)."""
    import atexit

    status = code if isinstance(code, int) else (0 if code is None else 1)
    if code is not None and not isinstance(code, int):
        print(code, file=sys.stderr)  # sys.exit("message") prints it, as the interpreter would
    atexit._run_exitfuncs()
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (OSError, ValueError):  # a closed pipe (perfaudit … | head): nothing more to say
            pass
    os._exit(status)
