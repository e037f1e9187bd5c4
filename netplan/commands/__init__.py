"""The CLI's subcommands, one module each; each module has ``register(subparsers, common)``."""

from __future__ import annotations

from netplan.commands import add, check, export, import_, init, restore

# export must be registered after the modules that add formats to EXPORTERS are imported.
COMMAND_MODULES = [init, check, add, export]
COMMAND_MODULES += [import_, restore]
