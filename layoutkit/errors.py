"""Every error layoutkit raises on purpose. Each one maps to a CLI exit code.

The message of each error is one line and names the file (when there is one) and the
problem; the CLI prints ``layoutkit: <message>`` and exits with ``exit_code``. See
``docs/errors.md`` for the full contract.
"""
from __future__ import annotations

from typing import Optional

EXIT_OK = 0
EXIT_BAD_INPUT = 1
EXIT_USAGE = 2
#: A batch in which some pages failed (the others were written).
EXIT_PARTIAL = 3
#: Output could not be written (disk full, permission denied, missing folder).
EXIT_OUTPUT = 4


class LayoutkitError(Exception):
    """Base class. ``path`` is the offending file when there is one."""

    exit_code = EXIT_BAD_INPUT

    def __init__(self, message: str, *, path: Optional[str] = None):
        self.path = path
        self.message = message
        super().__init__(f"{path}: {message}" if path else message)


class InputError(LayoutkitError):
    """The input cannot be read as a page: empty, binary, corrupt, unsupported."""


class EncodingError(InputError):
    """Bytes that no supported encoding decodes cleanly."""


class UnsupportedFormatError(InputError):
    """A file whose format layoutkit does not read."""


class LimitExceededError(InputError):
    """The input is larger than a configured limit (lines, bytes, pages, time)."""


class ProfileError(LayoutkitError):
    """A profile YAML file with an unknown key, a bad regex or a wrong type."""

    exit_code = EXIT_USAGE


class ParamsError(LayoutkitError):
    """A parameter outside its valid range."""

    exit_code = EXIT_USAGE


class OutputError(LayoutkitError):
    """The output could not be written."""

    exit_code = EXIT_OUTPUT


class UsageError(LayoutkitError):
    """A command used wrongly: no inputs, two inputs that would write the same output."""

    exit_code = EXIT_USAGE


class PageTimeoutError(LimitExceededError):
    """A page took longer than the batch's per-page timeout; its worker was replaced."""


class WorkerCrashError(LayoutkitError):
    """A batch worker process died (killed, out of memory, a crash in a C library)
    while converting a page; the page is reported and a new worker takes over."""
