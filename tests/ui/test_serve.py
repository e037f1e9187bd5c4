"""`netplan serve`: loopback and a token by default, 403 without it, and the planner in a real
headless Chromium (Debian's chromium, installed by .ci/run), read back from the page's terminal.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import urllib.error
import urllib.request
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from netplan.store.store import Store
from netplan.targets.model import Goal
from tests.processes import NETPLAN
from tests.ui.browser import CHROMIUM, chromium

needs_chromium = pytest.mark.skipif(
    CHROMIUM is None, reason="chromium is not installed (.ci/run installs it)"
)


@dataclass
class Served:
    url: str
    process: subprocess.Popen[str]
    stdout: list[str]


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port: int = probe.getsockname()[1]
        return port


def serve(data_file: Path, *extra: str) -> Served:
    process = subprocess.Popen(
        [str(NETPLAN), "serve", "--db", str(data_file), "--port", str(free_port()), *extra],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    assert process.stdout is not None
    lines: list[str] = []
    for line in process.stdout:  # the URL is printed once the server listens
        lines.append(line)
        if line.startswith("Open "):
            return Served(line.split()[1], process, lines)
    raise AssertionError(f"no URL printed: {lines} {process.stderr.read() if process.stderr else ''}")


def stop(served: Served) -> str:
    served.process.terminate()
    _, stderr = served.process.communicate(timeout=20)
    return stderr


@pytest.fixture
def demo_file(tmp_path: Path) -> Path:
    path = tmp_path / "demo" / "netplan.json"
    subprocess.run([str(NETPLAN), "init", "--demo", "--db", str(path)], check=True, capture_output=True)
    return path


@pytest.fixture
def served(demo_file: Path) -> Iterator[Served]:
    running = serve(demo_file)
    yield running
    stderr = stop(running)
    assert "Traceback" not in stderr


def first_goal(data_file: Path) -> str:
    with Store.open(data_file, readonly=True) as store:
        return store.all(Goal)[0].title


def status(url: str, headers: dict[str, str] | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(urllib.request.Request(url, headers=headers or {}), timeout=10) as reply:
            return reply.status, reply.read().decode()
    except urllib.error.HTTPError as refused:
        return refused.code, refused.read().decode()


def listening_addresses(port: int) -> set[str]:
    """The local addresses with a listening TCP socket on ``port`` (from /proc/net/tcp and tcp6)."""
    found = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for row in Path(table).read_text().splitlines()[1:]:
            local, state = row.split()[1], row.split()[3]
            address, hex_port = local.split(":")
            if state == "0A" and int(hex_port, 16) == port:
                found.add(address)
    return found


def test_serve_listens_on_loopback_only_and_prints_a_url_with_a_token(served: Served) -> None:
    url = urlsplit(served.url)
    assert url.hostname == "127.0.0.1"
    token = url.query.removeprefix("token=")
    assert len(token) >= 24
    assert listening_addresses(url.port or 0) == {"0100007F"}  # 127.0.0.1, and nothing else


def test_a_request_without_the_token_is_refused(served: Served) -> None:
    base = served.url.split("?")[0]
    assert status(base)[0] == 403
    assert status(base + "?token=wrong")[0] == 403
    assert status(base + "static/js/textual.js")[0] == 403
    assert status(base + "ws?width=80&height=24")[0] == 403
    assert status(base, {"Cookie": "netplan_token=wrong"})[0] == 403


def test_the_page_is_served_with_the_token(served: Served) -> None:
    code, page = status(served.url)
    assert code == 200
    assert 'class="textual-terminal"' in page
    base = served.url.split("?")[0]
    # the page's own requests carry the cookie the page set
    token = served.url.split("token=")[1]
    assert status(base + "static/js/textual.js", {"Cookie": f"netplan_token={token}"})[0] == 200


def test_listening_beyond_loopback_warns_of_plain_http(demo_file: Path) -> None:
    running = serve(demo_file, "--host", "0.0.0.0")
    stderr = stop(running)
    assert "WARNING" in stderr and "plain HTTP" in stderr and "SSH tunnel" in stderr


def test_serve_refuses_a_taken_port_in_one_line(demo_file: Path, served: Served) -> None:
    port = str(urlsplit(served.url).port)
    result = subprocess.run(
        [str(NETPLAN), "serve", "--db", str(demo_file), "--port", port],
        capture_output=True,
        text=True,
        timeout=30,
    )
    assert result.returncode == 1
    assert f"127.0.0.1:{port}" in result.stderr and "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1


@needs_chromium
async def test_chromium_shows_the_planner_and_a_second_tab_is_told_the_file_is_in_use(
    served: Served, demo_file: Path, tmp_path: Path
) -> None:
    goal = first_goal(demo_file)
    async with chromium() as browser, browser.tab() as second:
        async with browser.tab() as first:
            await first.open(served.url)
            text = await first.wait_for_text(goal[:30])
            assert "Targets" in text
            await first.screenshot(tmp_path / "served.png")
            assert (tmp_path / "served.png").stat().st_size > 5000
            await second.open(served.url)
            text = await second.wait_for_text("in use by another netplan")
            assert "cannot open the planner here" in text
            assert goal[:30] not in text
        # the first tab closed: its planner quit and let go of the file; the second tab, reloaded, has it
        await second.reload()
        await second.wait_for_text(goal[:30])


def test_serve_is_in_the_help_and_imports_textual_serve_only_when_run() -> None:
    code = "import sys; from netplan.cli import build_parser; build_parser().parse_args(['serve', '--help'])"
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert "--host" in result.stdout and "--port" in result.stdout
    probe = "import sys, netplan.cli; netplan.cli.build_parser(); print('textual_serve' in sys.modules)"
    loaded = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True).stdout
    assert loaded.strip() == "False"
