"""``caseline serve``: the app in a web browser, for workers without an SSH client.

It runs textual-serve's web server (``pip install 'caseline[serve]'``), which starts the app
afresh for each browser that connects, as ``caseline --db PATH`` with sign-in: the login box
empty (the server's own account is nobody's), the idle lock as at a terminal, and "browser"
with the address the browser connected from ("browser 192.0.2.7"; through a proxy on this
computer, "browser 192.0.2.7 via 127.0.0.1") as where each sign-in and change came from in the
audit trail. It listens on this computer only unless told otherwise; an agency puts it behind
its own HTTPS proxy (see the README). The page
is Caseline's own: everything it loads comes from this server (textual-serve's default page
loads a font from another host), and it shows neither a command line nor a file's path.
"""

from __future__ import annotations

import argparse
import contextlib
import copy
import ipaddress
import os
import shlex
import sys
from pathlib import Path
from typing import Any

from store.common.config import PASSPHRASE_VARIABLE, resolve_database
from store.common.settings import Config
from tui.cli_args import OneLineParser, fail

PAGE = Path(__file__).resolve().parent / "serve_page"
# Set for the app each browser starts: tui.cli and store.audit.service read it.
SERVED = "CASELINE_SERVED"


def add_serve_parser(sub: argparse._SubParsersAction[OneLineParser]) -> None:
    serve = sub.add_parser(
        "serve",
        help="run Caseline for web browsers (sign-in required; this computer only by default)",
        description="Run Caseline for web browsers: each browser that connects gets the app, "
        "signing in first. Listens on 127.0.0.1 (this computer only) unless --host says "
        "otherwise; put it behind the agency's HTTPS proxy and give --public-url. Needs "
        "pip install 'caseline[serve]'. Ctrl+C stops it.",
    )
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (127.0.0.1)")
    serve.add_argument("--port", type=_port, default=8000, help="port to listen on (8000)")
    serve.add_argument(
        "--public-url",
        metavar="URL",
        help="the address browsers use, behind a proxy (e.g. https://caseline.agency.example)",
    )
    serve.add_argument(
        "--db", metavar="PATH", default=argparse.SUPPRESS, help="database file (as for the app)"
    )


def _port(text: str) -> int:
    if not text.isdigit() or not 1 <= int(text) <= 65535:
        raise argparse.ArgumentTypeError(f"{text!r} is not a port (1 to 65535)")
    return int(text)


def session_command(command: str, peer: str | None, forwarded: str = "") -> str:
    """``command`` run with ``SERVED`` set to where a browser connected from, for the audit
    trail: "192.0.2.7", the peer's address; or, when the peer is this computer (the agency's
    proxy in front, as the README has it) and says whom it forwards (``X-Forwarded-For``, the
    last address being the one the proxy saw), "192.0.2.7 via 127.0.0.1". Anything that is not
    an IP address (a UNIX socket's peer, say) leaves the command as it is: "browser"."""
    try:
        address = ipaddress.ip_address(peer or "")
    except ValueError:
        return command
    where = str(address)
    if address.is_loopback and forwarded:
        with contextlib.suppress(ValueError):  # not an address: the proxy's own, then
            where = f"{ipaddress.ip_address(forwarded.split(',')[-1].strip())} via {address}"
    return f"{SERVED}={shlex.quote(where)} {command}"


def serve(args: argparse.Namespace, config: Config) -> int:
    """Run ``caseline serve``: check there is someone to sign in, then serve until stopped."""
    from store.service import Store

    if args.demo:
        fail("serve signs people in; the demo database has no sign-in: give --db PATH")
    if config.identity == "os-login":
        fail(
            'serve: with identity = "os-login" every browser would be the server\'s own '
            'account; browsers sign in with passphrases (identity = "passphrase")'
        )
    public_url = args.public_url or f"http://{args.host}:{args.port}"
    if not public_url.startswith(("http://", "https://")):
        fail(f"--public-url: {public_url!r} is not an http:// or https:// address")
    try:
        from textual_serve.server import Server
    except ImportError:
        fail("serve needs textual-serve: pip install 'caseline[serve]'")
    path = resolve_database(getattr(args, "db", None), config)
    if isinstance(path, Path) and not path.exists():
        fail(f"No database at {path}.")
    encrypted = isinstance(path, Path) and Store.is_encrypted(path)
    if encrypted and not os.environ.get(PASSPHRASE_VARIABLE):
        # Each browser's app is a process of its own, which finds it there too.
        fail(f"{path} is encrypted: serve takes its passphrase from {PASSPHRASE_VARIABLE}")
    if not Store.read_steadily(path, lambda store: store.workers.has_administrator()):
        fail("Nobody can sign in yet: make the first administrator with caseline admin init")

    class CaselineServer(Server):
        def initialize_logging(self) -> None:
            """Quiet: each connection is in the audit trail; errors still reach stderr."""

        async def on_startup(self, app: Any) -> None:
            print(f"Caseline is served at {self.public_url} (Ctrl+C stops it).", flush=True)

        async def handle_websocket(self, request: Any) -> Any:
            """Start the browser's app as textual-serve does, its command saying the address
            the browser connected from: textual-serve starts every session with the one
            command it was given (``self.command``), so each session gets a copy of the
            server with its own."""
            session = copy.copy(self)
            forwarded = request.headers.get("X-Forwarded-For", "")
            session.command = session_command(self.command, request.remote, forwarded)
            return await Server.handle_websocket(session, request)

    os.environ[SERVED] = "1"
    if isinstance(path, str):
        # A PostgreSQL URL may hold a password: each browser's app finds it in its environment,
        # never on its command line, which anyone on the computer could read.
        os.environ["CASELINE_DB"] = path
        command = shlex.join([sys.executable, "-m", "tui"])
    else:
        command = shlex.join([sys.executable, "-m", "tui", "--db", str(path)])
    server = CaselineServer(
        command,
        host=args.host,
        port=args.port,
        title="Caseline",
        public_url=public_url.rstrip("/"),
        templates_path=PAGE,
    )
    try:
        server.serve()
    except OSError as exc:  # an address that isn't this computer's, a port in use
        fail(f"Cannot listen on {args.host}:{args.port}: {exc.strerror or exc}")
    return 0
