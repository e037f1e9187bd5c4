"""textual-serve's Server with a token check, for `netplan serve` (imported only when it runs).

Every request needs the token: in the query (the printed URL) or in the cookie the page sets, which
the page's own requests (its scripts, the websocket that carries the terminal) then send. Anything
else gets 403. The page's URLs are built from the address the browser used (an SSH tunnel's local
port, a host name), not from the address the server listens on.
"""

from __future__ import annotations

import asyncio
import hmac
import logging
import signal
from collections.abc import Awaitable, Callable
from typing import Any

import aiohttp_jinja2
from aiohttp import web
from textual_serve.server import Server

COOKIE = "netplan_token"
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


class TokenServer(Server):
    def __init__(self, command: str, *, host: str, port: int, token: str) -> None:
        super().__init__(command, host=host, port=port, title="netplan")
        self.token = token

    def allowed(self, request: web.Request) -> bool:
        given = request.query.get("token") or request.cookies.get(COOKIE) or ""
        return hmac.compare_digest(given.encode(), self.token.encode())

    @web.middleware
    async def check_token(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.allowed(request):
            return web.Response(status=403, text="403 Forbidden: open the link netplan serve printed.\n")
        response = await handler(request)
        if "token" in request.query and not response.prepared:
            # Strict: a page on another site cannot make the browser send it (its websocket neither).
            response.set_cookie(COOKIE, self.token, httponly=True, samesite="Strict")
        return response

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.check_token)
        return app

    async def on_startup(self, app: web.Application) -> None:
        """Quiet: `netplan serve` prints its own lines (the URL with the token) once listening."""

    async def handle_index(self, request: web.Request) -> web.Response:
        base = f"{request.scheme}://{request.host}"
        websocket = ("wss" if request.scheme == "https" else "ws") + f"://{request.host}/ws"
        context: dict[str, Any] = {
            "font_size": 16,
            "app_websocket_url": websocket,
            "config": {"static": {"url": f"{base}/static/"}},
            "application": {"name": "netplan"},
        }
        return aiohttp_jinja2.render_template("app_index.html", request, context)

    def run_forever(self, listening: Callable[[], None]) -> None:
        """Listen (OSError if the address cannot be had), call ``listening``, serve until SIGINT/SIGTERM."""
        logging.basicConfig(level=logging.WARNING, format="netplan serve: %(message)s")
        asyncio.run(self._serve(listening))

    async def _serve(self, listening: Callable[[], None]) -> None:
        stop = asyncio.Event()
        loop = asyncio.get_running_loop()
        for signum in (signal.SIGINT, signal.SIGTERM):
            loop.add_signal_handler(signum, stop.set)
        runner = web.AppRunner(await self._make_app(), handle_signals=False, access_log=None)
        await runner.setup()
        try:
            await web.TCPSite(runner, self.host, self.port).start()
            listening()
            await stop.wait()
        finally:
            await runner.cleanup()  # closes the websockets: each tab's planner quits and saves
