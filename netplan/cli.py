"""The command line (DESIGN.md: a contract). Only the bare `netplan` imports textual, lazily.

Exit codes: 0 done; 1 bad input or bad data (nothing written); 2 usage; 3 the data file is locked,
unreadable or newer than this version (nothing written). The planner ended by SIGTERM, SIGHUP or
SIGINT exits 128 + the signal number, after a clean exit (terminal restored, lock released).
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from netplan import __version__
from netplan.core.errors import DataFileError, DataFileUnwritable, NotFoundError, ValidationError
from netplan.core.paths import ENV_VAR, resolve_data_file
from netplan.core.text import safe_text

if TYPE_CHECKING:
    from netplan.store.store import Store

EXIT_OK, EXIT_BAD_INPUT, EXIT_USAGE, EXIT_DATA_FILE = 0, 1, 2, 3


def data_file_path(text: str) -> str:
    """--db's value: a blank one is a usage error (exit 2), never the default file in disguise."""
    if not text.strip():
        raise argparse.ArgumentTypeError("needs a file name (leave --db out for the default file)")
    return text


def build_parser(command: str | None = None) -> argparse.ArgumentParser:
    """The parser of every subcommand, or of ``command`` only when the words start with it (each
    subcommand's module is imported when registered; issue 17: a command imports only its own)."""
    # --db is accepted before or after the subcommand; SUPPRESS keeps a later default from
    # overwriting an earlier value.
    common = argparse.ArgumentParser(add_help=False)
    common.add_argument(
        "--db", metavar="PATH", type=data_file_path, default=argparse.SUPPRESS, help="the data file"
    )
    parser = argparse.ArgumentParser(
        prog="netplan",
        description="A terminal planner for deliberate professional networking.",
        epilog=f"The data file: --db PATH, else ${ENV_VAR}, else netplan.json in your user data folder.",
    )
    parser.add_argument("--db", metavar="PATH", type=data_file_path, default=None, help="the data file")
    parser.add_argument("--demo", action="store_true", help="open the planner on a throwaway demo copy")
    parser.add_argument("--version", action="version", version=f"netplan {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    from netplan.commands import command_modules

    for module in command_modules(command):
        module.register(sub, common)
    return parser


def tui_options(argv: list[str]) -> argparse.Namespace | None:
    """The options of a bare `netplan [--db PATH] [--demo]`, or None for anything else.

    Opening the planner is the common case and must start fast, so it skips building the parser of
    every subcommand (which imports their modules).
    """
    db: str | None = None
    demo = False
    rest = list(argv)
    while rest:
        word = rest.pop(0)
        if word == "--demo":
            demo = True
        elif word == "--db" and rest and not rest[0].startswith("-"):
            db = rest.pop(0)
        elif word.startswith("--db="):
            db = word.split("=", 1)[1]
        else:
            return None
    if db is not None and not db.strip():
        return None  # the full parser says why (exit 2)
    return argparse.Namespace(command=None, db=db, demo=demo)


def _load_demo(store: Store) -> None:
    from netplan.demo.load import load_demo

    load_demo(store)


def run_tui(data_file: Path, *, demo: bool) -> int:
    import shutil
    import tempfile

    from netplan.commands.common import record_problems  # imports integrity only when a check runs
    from netplan.store.store import Store

    workdir: str | None = None
    if demo:
        workdir = tempfile.mkdtemp(prefix="netplan-demo-")
        data_file = Path(workdir) / "netplan-demo.json"
    try:
        # The file is claimed (the writer lock: a second writer is refused here, exit 3) and read
        # by the planner after its first frame is drawn (issue 9); the demo is written then too.
        store = Store.claim(data_file, record_check=record_problems)  # a bad record: exit 3 (issue 14)
        try:
            from screens.app import make_app  # the one lazy import of the UI

            app = make_app(store, exit_on_signals=True, prepare=_load_demo if demo else None)
            app.run()
            if app.load_error is not None:
                raise app.load_error  # corrupt, too new, unreadable: one line, exit 3
            # the last save is on disk before we return (DataFileUnwritable: exit 3)
            store.flush(mine=False)
            if store.save_error is not None:  # a write failed as the planner closed: say so
                raise DataFileUnwritable(store.save_error)
        finally:
            store.close()
    finally:
        if workdir:
            shutil.rmtree(workdir, ignore_errors=True)
    return app.return_code or EXIT_OK  # 128 + N after signal N (NetplanApp.EXIT_SIGNALS)


def in_browser() -> bool:
    """The planner runs under `netplan serve` (textual-serve's web driver): stderr reaches nobody."""
    return os.environ.get("TEXTUAL_DRIVER", "").startswith("textual.drivers.web_driver")


def main(argv: list[str] | None = None) -> int:
    words = sys.argv[1:] if argv is None else argv
    args = tui_options(words) or build_parser(words[0] if words else None).parse_args(words)
    try:
        if args.command is None:
            return run_tui(resolve_data_file(args.db), demo=args.demo)
        result: int = args.func(args)
        return result
    except DataFileError as exc:
        print(f"netplan: {safe_text(exc)}", file=sys.stderr)
        if args.command is None and in_browser():
            from screens.app import show_refusal  # the planner's door: the UI, lazily

            show_refusal(safe_text(exc))
        return EXIT_DATA_FILE
    except (ValidationError, NotFoundError) as exc:
        print(f"netplan: {safe_text(exc)}", file=sys.stderr)
        return EXIT_BAD_INPUT
    except KeyboardInterrupt:
        return 130
    except BrokenPipeError:
        # `netplan people | head`: the reader left; say nothing more (and not at exit either).
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
