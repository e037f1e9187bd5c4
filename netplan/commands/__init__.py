"""The CLI's subcommands, one module each; each module has ``register(subparsers, common)``."""

from __future__ import annotations

from netplan.commands import add, check, init

COMMAND_MODULES = [init, check, add]
