"""A new passphrase for an encrypted database (``Store.encrypt(..., again=True)``), on real
files: refused while another program has the file open, leaving it exactly as it was."""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from store.common.errors import DatabaseUnavailable
from store.core import cipher
from store.service import Store
from tests.conftest import Build
from tests.store.test_cipher import PASSPHRASE, files_beside
from tests.store.test_integrity import build_records


@pytest.fixture(autouse=True)
def _no_passphrase_known() -> Iterator[None]:
    cipher.forget_all()
    yield
    cipher.forget_all()


@pytest.fixture
def encrypted(tmp_path: Path, prebuilt: Callable[[Path, Build], Path]) -> Path:
    plain = prebuilt(tmp_path / "records.db", build_records)
    Store.encrypt(plain, PASSPHRASE, login="it.admin")
    cipher.forget_all()
    return plain


HOLD = (
    "import sys; from pathlib import Path; from store.core import cipher;"
    "p = Path(sys.argv[1]); cipher.unlock(p, sys.argv[2]); c = cipher.cipher_connection(p);"
    "c.execute('SELECT count(*) FROM note').fetchone(); print('open', flush=True);"
    "sys.stdin.readline()"
)


def test_a_new_passphrase_is_refused_while_another_program_has_the_database_open(
    encrypted: Path,
) -> None:
    root = Path(__file__).resolve().parent.parent.parent
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLD, str(encrypted), PASSPHRASE],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
        cwd=root,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "open"
        before = encrypted.read_bytes()
        cipher.unlock(encrypted, PASSPHRASE)
        with pytest.raises(DatabaseUnavailable, match="in use"):
            Store.encrypt(encrypted, "biscuits by the kettle", login="it.admin", again=True)
        assert encrypted.read_bytes() == before
        assert not any(".encrypting" in name for name in files_beside(encrypted))
    finally:
        assert holder.stdin is not None
        holder.stdin.close()
        holder.wait(timeout=30)
    cipher.forget_all()
    cipher.unlock(encrypted, PASSPHRASE)  # the old passphrase still opens it
