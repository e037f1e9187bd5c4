"""`netplan serve [--host H] [--port P]`: the planner in a browser (textual-serve).

Loopback and a random token by default (DESIGN.md, Privacy): the URL printed carries the token and a
request without it gets 403. Each browser tab starts its own planner on the data file, so the
one-writer lock holds: a second tab is shown that the file is in use (screens/refused.py). textual-serve
is imported only here, when the command runs: every other command starts without it.
"""

from __future__ import annotations

import argparse
import ipaddress
import secrets
import shlex
import socket
import sys
from pathlib import Path

from netplan.core.errors import ValidationError
from netplan.core.paths import resolve_data_file

DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    parser = sub.add_parser(
        "serve", parents=[common], help="the planner in a browser (loopback and a token by default)"
    )
    parser.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST}: this machine)"
    )
    parser.add_argument("--port", type=int, default=DEFAULT_PORT, help=f"port (default {DEFAULT_PORT})")
    parser.set_defaults(func=run)


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def planner_command(data_file: Path) -> str:
    """The shell command textual-serve runs for each browser tab: this Python, this data file."""
    return shlex.join([sys.executable, "-m", "netplan", "--db", str(data_file)])


def served_url(host: str, port: int, token: str) -> str:
    shown = host
    if host in ("0.0.0.0", "::"):
        shown = socket.gethostname()  # every address: name this machine, not the wildcard
    elif ":" in host:
        shown = f"[{host}]"
    return f"http://{shown}:{port}/?token={token}"


def plain_http_warning(host: str) -> str:
    return (
        f"netplan: WARNING: listening on {host}, beyond this machine. This is plain HTTP: the link's "
        "token and everything the planner shows cross the network unencrypted, and anyone who sees "
        "the link can open your planner. Prefer the default (127.0.0.1) and an SSH tunnel "
        "(README: from a phone)."
    )


def run(args: argparse.Namespace) -> int:
    if not 0 < args.port < 65536:
        raise ValidationError("--port", f"{args.port} is not a port number (1-65535)")
    data_file = resolve_data_file(getattr(args, "db", None))
    token = secrets.token_urlsafe(24)
    # the browser side is UI (textual-serve): the second door from the CLI into screens/, lazily
    from screens.web_server import TokenServer

    server = TokenServer(planner_command(data_file), host=args.host, port=args.port, token=token)
    if not is_loopback(args.host):
        print(plain_http_warning(args.host), file=sys.stderr, flush=True)

    def listening() -> None:
        print(f"netplan serve: {data_file}", flush=True)
        print(f"Open {served_url(args.host, args.port, token)}", flush=True)
        print("Each tab is a planner on the data file, one tab at a time. Ctrl+C stops.", flush=True)

    try:
        server.run_forever(listening)
    except OSError as error:  # the port is taken, the address is not this machine's...
        reason = error.strerror or str(error)
        raise ValidationError("--port", f"cannot listen on {args.host}:{args.port}: {reason}") from None
    return 0
