"""``caseline serve``, run for real: the page comes up with nothing loaded from another host and
no path or command shown, its websocket starts the app on the sign-in screen with the login box
empty; in headless Chromium a worker sees the sign-in drawn and signs in by typing, the page
asking nothing of another host; each browser's sign-in is audited with its address; what it
refuses (the demo, the computer's logins, nobody to sign in), in one line."""

from __future__ import annotations

import asyncio
import contextlib
import re
import shlex
import signal
import socket
import sqlite3
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from urllib.parse import urlsplit

import aiohttp
import pytest

from store.service import Store
from tests.browser import KEEP_TERMINALS, MISSING, READ_SCREEN, browser, chromium
from tests.cli import caseline
from tests.terminal import ROOT, app_env
from tests.test_cli_admin import assert_fails
from tui.serve import SERVED, session_command


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


def until_answering(port: int, server: subprocess.Popen[str], seconds: float = 60) -> None:
    """Wait until ``server`` answers on ``port`` (or has ended, or ``seconds`` have passed)."""
    deadline = time.monotonic() + seconds
    while server.poll() is None and time.monotonic() < deadline:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=5):
                return
        except OSError:
            time.sleep(0.05)


@contextlib.contextmanager
def serving(tmp_path: Path, db: Path) -> Iterator[tuple[int, list[str]]]:
    """``caseline serve`` on a free port, answering; yields the port and, once stopped, what
    it printed (its lines on standard output)."""
    port = free_port()
    server = subprocess.Popen(
        [sys.executable, "-m", "tui", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT,
        env=app_env(tmp_path),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    printed: list[str] = []
    try:
        until_answering(port, server)
        yield port, printed
    finally:
        server.send_signal(signal.SIGINT)
        try:
            out, _err = server.communicate(timeout=15)
        except subprocess.TimeoutExpired:
            server.kill()
            out, _err = server.communicate()
        printed.extend(out.splitlines())


def test_the_page_and_its_websocket_come_up_with_nothing_from_elsewhere(
    tmp_path: Path, db: Path
) -> None:
    with serving(tmp_path, db) as (port, printed):
        base = f"http://127.0.0.1:{port}"
        with urllib.request.urlopen(f"{base}/", timeout=30) as response:
            page = response.read().decode("utf-8")
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
    assert printed[0] == f"Caseline is served at {base} (Ctrl+C stops it)."


def sign_ins(db: Path) -> list[str]:
    """Where each sign-in came from, as the audit trail has it."""
    conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True)
    try:
        rows = conn.execute("SELECT origin FROM audit_event WHERE action = 'sign-in' ORDER BY id")
        return [origin for (origin,) in rows]
    finally:
        conn.close()


async def sign_in_by_browser(url: str, db: Path, headers: dict[str, str] | None = None) -> str:
    """Sign in as a browser would, typing into the app's sign-in screen; where the audit trail
    says the sign-in came from."""
    before = len(sign_ins(db))
    async with aiohttp.ClientSession() as session, session.ws_connect(url, headers=headers) as ws:
        got = b""
        deadline = time.monotonic() + 60
        while b"Passphrase" not in got and time.monotonic() < deadline:
            message = await ws.receive(timeout=60)
            if message.type == aiohttp.WSMsgType.BINARY:
                got += message.data
            elif message.type != aiohttp.WSMsgType.TEXT:
                break
        assert b"Passphrase" in got
        await ws.send_json(["stdin", "ada.admin\r"])
        await ws.send_json(["stdin", "a long passphrase\r"])
        while len(sign_ins(db)) == before and time.monotonic() < deadline:
            await asyncio.sleep(0.05)
    return sign_ins(db)[-1] if len(sign_ins(db)) > before else ""


def test_a_browser_signing_in_is_audited_with_its_address(tmp_path: Path, db: Path) -> None:
    with serving(tmp_path, db) as (port, _printed):
        url = f"ws://127.0.0.1:{port}/ws?width=80&height=24"
        assert asyncio.run(sign_in_by_browser(url, db)) == "browser 127.0.0.1"
        # Through the agency's proxy on this computer, which says whom it forwards.
        forwarded = {"X-Forwarded-For": "198.51.100.1, 203.0.113.5"}
        said = asyncio.run(sign_in_by_browser(url, db, forwarded))
        assert said == "browser 203.0.113.5 via 127.0.0.1"


@pytest.mark.parametrize(
    ("peer", "forwarded", "origin"),
    [
        ("192.0.2.7", "", "192.0.2.7"),
        ("192.0.2.7", "203.0.113.5", "192.0.2.7"),  # only a proxy on this computer is believed
        ("::1", "2001:db8::5", "2001:db8::5 via ::1"),
        ("127.0.0.1", "not-an-address; rm -rf /", "127.0.0.1"),
        (None, "", None),
        ("", "203.0.113.5", None),
    ],
)
def test_each_session_is_told_where_its_browser_is(
    peer: str | None, forwarded: str, origin: str | None
) -> None:
    command = session_command("python -m tui", peer, forwarded)
    if origin is None:
        assert command == "python -m tui"
    else:
        assert shlex.split(command) == [f"{SERVED}={origin}", "python", "-m", "tui"]


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


def test_a_worker_in_a_browser_sees_the_sign_in_and_nothing_is_fetched_elsewhere(
    tmp_path: Path, db: Path
) -> None:
    """Headless Chromium, as a worker's browser: the sign-in screen drawn in the page, signing
    in by typing into it, and every request the page made to this server alone."""
    program = chromium()
    if program is None:
        pytest.skip(MISSING)

    async def use(base: str) -> tuple[str, dict[str, str], str, list[str]]:
        async with browser(program, tmp_path / "profile") as page:
            await page.open(f"{base}/", before=KEEP_TERMINALS)
            sign_in = await page.until(
                READ_SCREEN, lambda text: bool(text) and "Passphrase" in text and "Login" in text
            )
            notices = await page.value(NOTICES)
            await page.type("ada.admin\ra long passphrase\r")
            caseload = await page.until(
                READ_SCREEN, lambda text: bool(text) and "Passphrase" not in text and "Quit" in text
            )
            return sign_in or "", notices, caseload or "", page.requested()

    with serving(tmp_path, db) as (port, _printed):
        base = f"http://127.0.0.1:{port}"
        sign_in, notices, caseload, requested = asyncio.run(use(base))
    assert "Caseline" in sign_in and "Login" in sign_in and "Passphrase" in sign_in, sign_in
    assert str(db) not in sign_in
    # What the page shows over the terminal: neither "starting" nor "ended" once it is drawn.
    assert notices == {"starting": "none", "ended": "none"}
    assert "Passphrase" not in caseload and "Quit" in caseload, caseload
    assert sign_ins(db) == ["browser 127.0.0.1"]
    assert f"{base}/static/js/textual.js" in requested
    assert any(url.startswith(f"ws://127.0.0.1:{port}/ws") for url in requested)
    elsewhere = [url for url in requested if urlsplit(url).netloc != f"127.0.0.1:{port}"]
    assert elsewhere == []


# Whether the page's notices are shown, each by its class ("none": hidden).
NOTICES = """
Object.fromEntries(["starting", "ended"].map(
  (name) => [name, getComputedStyle(document.querySelector("." + name)).display]))
"""
