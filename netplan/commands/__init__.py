"""The CLI's subcommands, one module each; each module has ``register(subparsers, common)``."""

from __future__ import annotations

from netplan.commands import add, agenda, check, done, export, import_, init, log, people, restore

# export must be registered after the modules that add formats to EXPORTERS are imported.
COMMAND_MODULES = [init, check, add, people, log, agenda, done, import_, export, restore]
