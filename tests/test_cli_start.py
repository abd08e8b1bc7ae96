"""Who the app starts as: the sign-in screen (setting up the first administrator on a new
database), the demo worker on a demo database, or the computer's login where the agency trusts
it. A name given with --worker is only offered on the sign-in screen: never registered, never
trusted."""

from __future__ import annotations

from pathlib import Path

import pytest

from store.common.config import os_login_name, resolve_worker
from store.common.errors import SignInRefused
from store.common.settings import Config
from store.service import Store
from tests.terminal import allow_sign_in
from tests.test_cli import assert_one_line_error, run
from tui import cli
from tui.screens.sign_in import SignIn


def start(db: Path, *argv: str, config: Config | None = None) -> cli.Start:
    config = config or Config()
    args = cli.build_parser().parse_args([*argv])
    store = Store.open(db)
    try:
        return cli.who_is_there(store, args, config, resolve_worker(args.worker, config))
    finally:
        store.close()


def test_a_new_database_starts_by_setting_up_its_administrator(tmp_path: Path) -> None:
    db = tmp_path / "new.db"
    assert start(db, "--worker", "ada") == cli.Start(sign_in=SignIn(login="ada", setup=True))


def test_a_database_with_an_administrator_starts_at_sign_in(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    allow_sign_in(db, "sam.okafor")
    assert start(db, "--worker", "sam.okafor") == cli.Start(sign_in=SignIn(login="sam.okafor"))
    # A name nobody has is offered as typed and refused at sign-in: never registered.
    assert start(db, "--worker", "ghost").sign_in == SignIn(login="ghost")
    store = Store.open(db)
    try:
        assert store.workers.named("ghost").id == 0
    finally:
        store.close()


def test_a_demo_database_opens_as_its_demo_worker(tmp_path: Path) -> None:
    db = tmp_path / "demo.db"
    cli.write_demo(db, me="sam.okafor", cases=3, notes=2, workers=2, seed=1, force=True)
    begun = start(db, "--worker", "sam.okafor")
    assert begun.demo and begun.sign_in is None
    assert begun.me is not None and begun.me.username == "sam.okafor"


def test_os_login_identity_is_the_accounts_login_not_the_environments(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    db = tmp_path / "c.db"
    allow_sign_in(db, os_login_name(), "boss")
    monkeypatch.setenv("USER", "boss")
    monkeypatch.setenv("LOGNAME", "boss")
    begun = start(db, config=Config(identity="os-login"))
    assert begun.me is not None and begun.me.username == os_login_name()
    with pytest.raises(SignInRefused, match="is not you"):
        start(db, "--worker", "boss", config=Config(identity="os-login"))


def test_os_login_identity_refuses_a_login_with_no_worker_in_one_line(tmp_path: Path) -> None:
    db = tmp_path / "c.db"
    allow_sign_in(db, "sam.okafor")
    (tmp_path / "no-config.toml").write_text('identity = "os-login"\n')
    assert_one_line_error(run(tmp_path, "--db", str(db)), repr(os_login_name()))
