"""The CLI's subcommands, one module each; each module has ``register(subparsers, common)``.

Modules are imported by name when the parser is built, so a command imports only its own module
(issue 17: `netplan agenda` does not pay for `import`, `sync` or `serve`).
"""

from __future__ import annotations

import importlib
from types import ModuleType

# subcommand -> module in netplan/commands, in the order `netplan --help` lists them
COMMANDS: dict[str, str] = {
    "init": "init", "check": "check", "add": "add", "people": "people", "log": "log",
    "agenda": "agenda", "done": "done", "draft": "draft", "import": "import_", "export": "export",
    "sync": "sync", "remind": "remind", "restore": "restore", "serve": "serve",
}  # fmt: skip


def command_modules(only: str | None = None) -> list[ModuleType]:
    """Every subcommand's module, or only the one named ``only`` when it is a subcommand."""
    names = [COMMANDS[only]] if only in COMMANDS else list(COMMANDS.values())
    return [importlib.import_module(f"netplan.commands.{name}") for name in names]
