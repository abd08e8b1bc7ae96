"""``caseline serve``, run for real: the page comes up with nothing loaded from another host and
no path or command shown, its websocket starts the app on the sign-in screen with the login box
empty; what it refuses (the demo, the computer's logins, nobody to sign in), in one line."""

from __future__ import annotations

import asyncio
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

import aiohttp
import pytest

from store.service import Store
from tests.cli import caseline
from tests.terminal import ROOT, app_env
from tests.test_cli_admin import assert_fails


@pytest.fixture
def db(tmp_path: Path) -> Path:
    path = tmp_path / "agency.db"
    store = Store.open(path)
    try:
        store.workers.init_administrator("ada.admin", "Ada Admin", "a long passphrase")
    finally:
        store.close()
    return path


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


async def first_screen(url: str) -> bytes:
    """What the app sends a browser until its sign-in screen is drawn."""
    got = b""
    async with aiohttp.ClientSession() as session, session.ws_connect(url) as ws:
        deadline = time.monotonic() + 30
        while b"Passphrase" not in got and time.monotonic() < deadline:
            message = await ws.receive(timeout=30)
            if message.type == aiohttp.WSMsgType.BINARY:
                got += message.data
            elif message.type == aiohttp.WSMsgType.TEXT:
                got += message.data.encode()
            else:
                break
    return got


def test_the_page_and_its_websocket_come_up_with_nothing_from_elsewhere(
    tmp_path: Path, db: Path
) -> None:
    port = free_port()
    base = f"http://127.0.0.1:{port}"
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT,
        env=app_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        page = ""
        deadline = time.monotonic() + 30
        while not page and time.monotonic() < deadline:
            try:
                with urllib.request.urlopen(f"{base}/", timeout=5) as response:
                    page = response.read().decode("utf-8")
            except OSError:
                time.sleep(0.1)
        assert "<title>Caseline</title>" in page
        # Everything the page loads is from this server; no path, command or program shown.
        loaded = re.findall(r'(?:src|href)="([^"]+)"|url\("([^"]+)"\)', page)
        addresses = [a or b for a, b in loaded]
        assert addresses and all(a.startswith(f"{base}/static/") for a in addresses)
        assert "googleapis" not in page and str(db) not in page and "python" not in page
        with urllib.request.urlopen(f"{base}/static/js/textual.js", timeout=5) as response:
            assert response.status == 200
        shown = asyncio.run(first_screen(f"ws://127.0.0.1:{port}/ws?width=80&height=24"))
        assert b"Passphrase" in shown and b"Login" in shown
        assert str(db).encode() not in shown
    finally:
        server.send_signal(signal.SIGINT)
        try:
            out, _err = server.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            out, _err = server.communicate()
    assert out.splitlines()[0] == f"Caseline is served at {base} (Ctrl+C stops it)."


def test_serve_refuses_what_would_let_a_browser_in_unsigned(tmp_path: Path, db: Path) -> None:
    assert_fails(caseline(tmp_path, "--demo", "serve"), "demo")
    empty = tmp_path / "empty.db"
    Store.open(empty).close()
    assert_fails(caseline(tmp_path, "serve", "--db", str(empty)), "caseline admin init")
    assert_fails(
        caseline(tmp_path, "serve", "--db", str(db), "--public-url", "ftp://x"), "--public-url"
    )
    (tmp_path / "no-config.toml").write_text('identity = "os-login"\n')
    assert_fails(caseline(tmp_path, "serve", "--db", str(db)), "os-login")
    assert caseline(tmp_path, "serve", "--db", str(db), "--port", "99999").returncode == 2
    (tmp_path / "no-config.toml").write_text("today_at_start = false\n")
    with socket.socket() as taken:  # a port another program listens on
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = str(taken.getsockname()[1])
        assert_fails(caseline(tmp_path, "serve", "--db", str(db), "--port", port), "Cannot listen")
