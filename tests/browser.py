"""A real browser for the tests of ``caseline serve``: headless Chromium, driven by its DevTools
protocol, reading what its page shows and logging every request the page makes.

The page draws the terminal on a canvas (xterm.js), so the screen's text is not in the DOM:
a script added before the page's own keeps each xterm.js terminal the page makes (textual.js
keeps it as ``this.terminal`` of its own object, out of reach), and the text is read from the
terminal's buffer, the cells xterm.js paints, row by row as they are on the screen.

``chromium()`` finds the browser (``CASELINE_CHROMIUM``, else ``chromium``,
``chromium-headless-shell``, ``google-chrome`` or ``chrome-headless-shell`` on the PATH).
Every host but this computer's is made unresolvable (``--host-resolver-rules``), so a page
that reached elsewhere would fail to, as in an office without the internet, and the log says
where it tried.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import os
import shutil
import signal
import subprocess
import time
from collections.abc import AsyncIterator
from pathlib import Path
from typing import Any

import aiohttp

NAMES = ("chromium", "chromium-headless-shell", "google-chrome", "chrome-headless-shell")
MISSING = (
    "Chromium is not installed (apt-get install chromium-headless-shell, or set "
    "CASELINE_CHROMIUM to a Chrome or Chromium): the test in a real browser is skipped"
)

# Keeps every xterm.js terminal the page makes: textual.js's constructor sets
# ``this.terminal = new Terminal(...)``, which finds this setter on Object.prototype; the
# property is then made the object's own, as it would have been.
KEEP_TERMINALS = """
(() => {
  const kept = [];
  Object.defineProperty(window, "__terminals", { value: kept });
  Object.defineProperty(Object.prototype, "terminal", {
    configurable: true,
    get() { return undefined; },
    set(value) {
      Object.defineProperty(this, "terminal", {
        value, writable: true, configurable: true, enumerable: true,
      });
      kept.push(value);
    },
  });
})();
"""

# The rows of the first terminal's screen, as xterm.js paints them (null before there is one).
READ_SCREEN = """
(() => {
  const terminal = window.__terminals.find((t) => t && t.buffer && t.buffer.active);
  if (!terminal) return null;
  const buffer = terminal.buffer.active;
  const rows = [];
  for (let y = 0; y < terminal.rows; y++) {
    const line = buffer.getLine(buffer.viewportY + y);
    rows.push(line ? line.translateToString(true) : "");
  }
  return rows.join("\\n");
})()
"""


def chromium() -> str | None:
    """The browser to run, or None if there is none."""
    named = os.environ.get("CASELINE_CHROMIUM")
    if named:
        return shutil.which(named) or (named if Path(named).is_file() else None)
    return next((found for name in NAMES if (found := shutil.which(name))), None)


class DevTools:
    """One page of a browser, over the DevTools protocol: commands, and the events seen."""

    def __init__(self, ws: aiohttp.ClientWebSocketResponse) -> None:
        self.ws = ws
        self.session = ""
        self.events: list[dict[str, Any]] = []
        self._ids = 0
        self._waiting: dict[int, asyncio.Future[dict[str, Any]]] = {}
        self._reader = asyncio.create_task(self._read())

    async def _read(self) -> None:
        async for message in self.ws:
            if message.type != aiohttp.WSMsgType.TEXT:
                break
            data = json.loads(message.data)
            waiting = self._waiting.pop(data.get("id", -1), None)
            if waiting is not None and not waiting.done():
                waiting.set_result(data)
            elif "method" in data:
                self.events.append(data)
        for waiting in self._waiting.values():
            if not waiting.done():
                waiting.set_exception(ConnectionError("the browser went away"))

    async def send(self, method: str, timeout: float = 60, **params: Any) -> dict[str, Any]:
        """Run a command (on the page, once ``open`` has attached to one); its result."""
        self._ids += 1
        reply: asyncio.Future[dict[str, Any]] = asyncio.get_running_loop().create_future()
        self._waiting[self._ids] = reply
        message: dict[str, Any] = {"id": self._ids, "method": method, "params": params}
        if self.session:
            message["sessionId"] = self.session
        await self.ws.send_json(message)
        answer = await asyncio.wait_for(reply, timeout)
        if "error" in answer:
            raise RuntimeError(f"{method}: {answer['error']}")
        result: dict[str, Any] = answer.get("result", {})
        return result

    async def open(self, url: str, before: str = "") -> None:
        """A new page, logging its requests, running ``before`` ahead of its own scripts,
        going to ``url``."""
        target = await self.send("Target.createTarget", url="about:blank")
        attached = await self.send(
            "Target.attachToTarget", targetId=target["targetId"], flatten=True
        )
        self.session = attached["sessionId"]
        await self.send("Network.enable")
        await self.send("Page.enable")
        if before:
            await self.send("Page.addScriptToEvaluateOnNewDocument", source=before)
        await self.send("Page.navigate", url=url)

    async def value(self, expression: str) -> Any:
        """What ``expression`` gives in the page."""
        result = await self.send("Runtime.evaluate", expression=expression, returnByValue=True)
        if "exceptionDetails" in result:
            raise RuntimeError(f"{expression[:60]}: {result['exceptionDetails']}")
        return result["result"].get("value")

    async def until(self, expression: str, done: Any, timeout: float = 90) -> Any:
        """``expression``'s value once ``done(value)`` holds (checked every tenth of a second),
        or its last value when ``timeout`` seconds have passed."""
        deadline = time.monotonic() + timeout
        value = await self.value(expression)
        while not done(value) and time.monotonic() < deadline:
            await asyncio.sleep(0.1)
            value = await self.value(expression)
        return value

    async def type(self, text: str) -> None:
        """Keys pressed, one a character ("\\r" is enter), into the terminal."""
        await self.value("document.querySelector('.xterm-helper-textarea').focus()")
        for char in text:
            key = (
                {"key": "Enter", "code": "Enter", "windowsVirtualKeyCode": 13}
                if char == "\r"
                else {"key": char}
            )
            await self.send("Input.dispatchKeyEvent", type="keyDown", text=char, **key)
            await self.send("Input.dispatchKeyEvent", type="keyUp", **key)

    def requested(self) -> list[str]:
        """Every address the page asked for: pages, scripts, styles, fonts, websockets."""
        urls = []
        for event in self.events:
            if event["method"] == "Network.requestWillBeSent":
                urls.append(event["params"]["request"]["url"])
            elif event["method"] == "Network.webSocketCreated":
                urls.append(event["params"]["url"])
        return urls


@contextlib.asynccontextmanager
async def browser(program: str, profile: Path) -> AsyncIterator[DevTools]:
    """Headless ``program`` with a fresh profile, reaching no host but this computer; what it
    writes goes to ``browser.log`` beside the profile."""
    profile.mkdir(parents=True, exist_ok=True)
    active = profile / "DevToolsActivePort"  # the port its DevTools listen on, once they do
    active.unlink(missing_ok=True)
    said = profile.parent / "browser.log"
    with said.open("wb") as log:
        process = subprocess.Popen(
            [
                program,
                "--headless",
                "--no-sandbox",  # as root in a container, where its sandbox can't start
                "--disable-gpu",
                "--disable-dev-shm-usage",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--host-resolver-rules=MAP * ~NOTFOUND, EXCLUDE 127.0.0.1",
                f"--user-data-dir={profile}",
                "--remote-debugging-port=0",
                "--window-size=1024,768",
                "about:blank",
            ],
            stdin=subprocess.DEVNULL,
            stdout=log,
            stderr=log,
            start_new_session=True,  # its helpers in a group of their own, ended with it
        )
    try:
        # It writes the port its DevTools listen on, and the browser's path, into the profile.
        deadline = time.monotonic() + 60
        while len(_lines(active)) < 2:
            if process.poll() is not None or time.monotonic() > deadline:
                tail = said.read_text(errors="replace").splitlines()[-5:]
                raise RuntimeError(f"{program}'s DevTools never listened: {tail}")
            await asyncio.sleep(0.05)
        port, path = _lines(active)[:2]
        async with (
            aiohttp.ClientSession() as session,
            session.ws_connect(f"ws://127.0.0.1:{port}{path}", max_msg_size=0) as ws,
        ):
            devtools = DevTools(ws)
            yield devtools
            devtools.session = ""
            with contextlib.suppress(ConnectionError, TimeoutError, RuntimeError):
                await devtools.send("Browser.close", timeout=10)
    finally:
        try:
            await asyncio.to_thread(process.wait, 15)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)
            process.wait()


def _lines(path: Path) -> list[str]:
    try:
        return [line for line in path.read_text().splitlines() if line]
    except OSError:
        return []
