"""Headless Chromium driven over the DevTools protocol (a small websocket client on aiohttp).

The served page draws the terminal on a canvas (xterm.js), so its text is not in the DOM. A script
added before the page's own catches the xterm.js Terminal as the page stores it (``this.terminal =
...``), and ``screen_text`` reads the rows from the terminal's own buffer: the text a user sees.
"""

from __future__ import annotations

import asyncio
import base64
import itertools
import shutil
import subprocess
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path
from typing import Any

import aiohttp

CHROMIUM = shutil.which("chromium")
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--remote-debugging-port=0",
    "--window-size=1000,800",
]

CATCH_TERMINAL = """
Object.defineProperty(Object.prototype, 'terminal', {
  configurable: true,
  set(value) {
    window.__terminal = value;
    Object.defineProperty(this, 'terminal', {value, writable: true, configurable: true, enumerable: true});
  },
});
"""

SCREEN_TEXT = """(() => {
  const terminal = window.__terminal;
  if (!terminal) return null;
  const buffer = terminal.buffer.active, rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : '');
  }
  return rows.join('\\n');
})()"""


class Tab:
    """One page target: ``call`` sends a DevTools command and returns its result."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse) -> None:
        self.websocket = websocket
        self.ids = itertools.count(1)

    async def call(self, method: str, **params: Any) -> dict[str, Any]:
        call_id = next(self.ids)
        await self.websocket.send_json({"id": call_id, "method": method, "params": params})
        async for message in self.websocket:
            reply = message.json()
            if reply.get("id") == call_id:
                if "error" in reply:
                    raise RuntimeError(f"{method}: {reply['error']}")
                result: dict[str, Any] = reply["result"]
                return result
        raise RuntimeError("the browser closed the connection")

    async def open(self, url: str) -> None:
        await self.call("Page.enable")
        await self.call("Page.addScriptToEvaluateOnNewDocument", source=CATCH_TERMINAL)
        await self.call("Page.navigate", url=url)

    async def reload(self) -> None:
        await self.call("Page.reload")

    async def screen_text(self) -> str:
        reply = await self.call("Runtime.evaluate", expression=SCREEN_TEXT, returnByValue=True)
        return str(reply["result"].get("value") or "")

    async def wait_for_text(self, wanted: str, timeout: float = 30) -> str:
        """The terminal's text once it contains ``wanted``; AssertionError with the last text if not."""
        deadline = time.monotonic() + timeout
        text = ""
        while time.monotonic() < deadline:
            text = await self.screen_text()
            if wanted in text:
                return text
            await asyncio.sleep(0.25)
        raise AssertionError(f"{wanted!r} never appeared; the terminal shows:\n{text}")

    async def screenshot(self, path: Path) -> None:
        reply = await self.call("Page.captureScreenshot", format="png")
        path.write_bytes(base64.b64decode(reply["data"]))


class Browser:
    def __init__(self, http: aiohttp.ClientSession, port: str) -> None:
        self.http = http
        self.port = port

    @asynccontextmanager
    async def tab(self) -> AsyncIterator[Tab]:
        """A new tab, closed on leaving (as a user closes it: the page's websocket goes)."""
        async with self.http.put(f"http://127.0.0.1:{self.port}/json/new?about:blank") as response:
            target = await response.json()
        try:
            async with self.http.ws_connect(target["webSocketDebuggerUrl"], max_msg_size=0) as websocket:
                yield Tab(websocket)
        finally:
            async with self.http.get(f"http://127.0.0.1:{self.port}/json/close/{target['id']}"):
                pass


@asynccontextmanager
async def chromium() -> AsyncIterator[Browser]:
    """Debian's chromium, headless, with a fresh profile; closed (and the profile removed) after."""
    assert CHROMIUM is not None
    profile = Path(tempfile.mkdtemp(prefix="netplan-chromium-"))
    process = subprocess.Popen(
        [CHROMIUM, *FLAGS, f"--user-data-dir={profile}", "about:blank"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        port_file = profile / "DevToolsActivePort"
        deadline = time.monotonic() + 30
        while not (port_file.exists() and port_file.read_text().strip()):
            assert process.poll() is None, "chromium exited at start"
            assert time.monotonic() < deadline, "chromium did not open its DevTools port"
            await asyncio.sleep(0.1)
        async with aiohttp.ClientSession() as http:
            yield Browser(http, port_file.read_text().split()[0])
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        shutil.rmtree(profile, ignore_errors=True)
