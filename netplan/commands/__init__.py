"""The CLI's subcommands, one module each; each module has ``register(subparsers, common)``."""

from __future__ import annotations

from netplan.commands import (
    add,
    agenda,
    check,
    done,
    draft,
    export,
    import_,
    init,
    log,
    people,
    remind,
    restore,
    serve,
    sync,
)

# export must be registered after the modules that add formats to EXPORTERS are imported.
COMMAND_MODULES = [
    init, check, add, people, log, agenda, done, draft, import_, export, sync, remind, restore, serve,
]  # fmt: skip
