"""A reader that stops early: ``powermap history ACME | head`` ends quietly.

When the program reading powermap's output closes the pipe (``head``, ``less``
quitting), the next write raises ``BrokenPipeError``. That is not an error a person
should read about: powermap stops at once with the status a command killed by
``SIGPIPE`` has (141, 128 + 13; what the shell reports for ``seq 1000000 | head -1``),
without a message, and points its standard output at the null device so the
interpreter's last flush cannot complain either (the recipe of Python's ``signal``
documentation, "Note on SIGPIPE").
"""

from __future__ import annotations

import io
import os
import sys
from typing import NoReturn

__all__ = ["reader_gone", "flush_or_stop", "SIGPIPE_STATUS"]

#: The exit status of a command stopped by SIGPIPE (128 + 13).
SIGPIPE_STATUS = 141


def reader_gone() -> NoReturn:
    """Stop now, quietly: whoever read standard output has closed it."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, io.UnsupportedOperation):
        pass  # not a real file (a test runner's capture): nothing is flushed at exit
    raise SystemExit(SIGPIPE_STATUS)


def flush_or_stop() -> None:
    """Flush what is still buffered for standard output; stop quietly if its reader is gone."""
    try:
        sys.stdout.flush()
    except BrokenPipeError:
        reader_gone()
