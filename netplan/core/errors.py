"""The error types of the domain; the CLI maps them to exit codes (DESIGN.md)."""

from __future__ import annotations


class ValidationError(ValueError):
    """Bad input for one field of a model or form; the message names the field (exit 1)."""

    def __init__(self, field: str, message: str) -> None:
        super().__init__(f"{field}: {message}")
        self.field = field
        self.message = message


class NotFoundError(LookupError):
    """A referenced goal, person or venue does not exist (exit 1)."""


class DataFileError(Exception):
    """The data file cannot be used: locked, unreadable, or newer than this version (exit 3).

    Whenever this is raised, nothing has been written.
    """


class DataFileLocked(DataFileError):
    """Another netplan holds the data file (rule: one writer)."""


class DataFileUnreadable(DataFileError):
    """The data file does not parse or has the wrong shape; it is left untouched."""


class DataFileTooNew(DataFileError):
    """The data file was written by a newer netplan; it is never rewritten."""


class DataFileUnwritable(DataFileError):
    """The data file or its folder cannot be created or written (a file in the way, no permission,
    disk full); the file on disk is as it was before the failed save."""


class ExportRefused(ValidationError):
    """A file the user asked netplan to write (an export, a draft) is one it must not replace: the
    data file, its lock, a backup, or an existing file without --force (exit 1); nothing was written.
    ``field`` is the path as the user gave it."""


class ExportTargetExists(ExportRefused):
    """The file to write exists; it is replaced only when asked (--force, or yes in the planner)."""


class ExportUnwritable(DataFileError):
    """The file to write, or its folder, cannot be written (a folder in the way, no permission, a
    full disk): exit 3 as for the data file (issue 14, item 9); no temp file is left behind."""


class DataFileChanged(DataFileError):
    """The data file (or its lock file) is not what this netplan last read or wrote: another
    program changed it, or took the lock after the lock file was deleted. It is never overwritten
    blindly (DESIGN.md, Durability); the planner keeps its memory and says so."""
