"""User-settable limits: bytes, lines, per-page time (``ReadParams``, ``convert`` flags)."""
from __future__ import annotations

import threading
import time

import pytest

from layoutkit.api import parse_bytes
from layoutkit.cli import main
from layoutkit.errors import LimitExceededError, PageTimeoutError, ParamsError
from layoutkit.limits import page_deadline
from layoutkit.params import Params, ReadParams

PAGE = ("Die Stadtverordneten haben am Dienstag den Haushalt beschlossen.\n" * 3000).encode()


def test_defaults_are_safe_and_documented() -> None:
    d = ReadParams()
    assert d.max_bytes == 64 * 1024 * 1024 and d.max_lines == 200_000 and d.page_timeout == 300.0


def test_page_timeout_interrupts_a_slow_page() -> None:
    params = Params(read=ReadParams(page_timeout=0.05))
    start = time.monotonic()
    with pytest.raises(PageTimeoutError) as info:
        parse_bytes(PAGE, path="slow.txt", params=params)
    assert time.monotonic() - start < 5
    assert str(info.value).startswith("slow.txt: page 1: took longer than the per-page time limit of 0.05 s")
    assert isinstance(info.value, LimitExceededError)


def test_page_timeout_zero_disables_it() -> None:
    assert parse_bytes(PAGE[:5000], params=Params(read=ReadParams(page_timeout=0))).articles


def test_timer_restored_after_a_page() -> None:
    import signal

    parse_bytes(PAGE[:2000], params=Params(read=ReadParams(page_timeout=30)))
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0.0


def test_page_timeout_outside_the_main_thread_is_checked_afterwards() -> None:
    """No SIGALRM outside the main thread: the page finishes, then is refused."""
    errors: list[BaseException] = []

    def work() -> None:
        try:
            with page_deadline(0.01, path="t.txt"):
                time.sleep(0.05)
        except BaseException as exc:  # collected for the assertion below
            errors.append(exc)

    t = threading.Thread(target=work)
    t.start()
    t.join()
    assert len(errors) == 1 and isinstance(errors[0], PageTimeoutError)


@pytest.mark.parametrize("value", [-1.0, 10.0**9])
def test_bad_page_timeout(value: float) -> None:
    with pytest.raises(ParamsError):
        ReadParams(page_timeout=value)


def test_cli_limit_flags(tmp_path, capsys) -> None:
    src = tmp_path / "p.txt"
    src.write_bytes(PAGE)
    assert main(["convert", str(src), "--page-timeout", "0.05", "-o", str(tmp_path / "o.json")]) == 1
    err = capsys.readouterr().err
    assert err.startswith(f"layoutkit: {src}: page 1: took longer") and err.count("\n") == 1
    assert not (tmp_path / "o.json").exists()
    assert main(["convert", str(src), "--max-lines", "100"]) == 1
    assert "3000 lines, more than the limit of 100" in capsys.readouterr().err
    assert main(["convert", str(src), "--page-timeout", "-3"]) == 2
    assert "page_timeout" in capsys.readouterr().err
