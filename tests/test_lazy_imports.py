"""Start-up pays only for what every update needs: libraries used now and then load then."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def in_a_fresh_python(code: str) -> None:
    """Runs ``code`` in a new interpreter (nothing imported yet) and requires it to pass."""
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr


def test_the_running_bot_loads_no_drawing_library_until_it_draws() -> None:
    """Start-up pays neither fpdf2 nor matplotlib (each a few tenths of a second)."""
    in_a_fresh_python(
        "import sys\n"
        "import bot.app\n"
        "loaded = [m for m in ('fpdf', 'matplotlib', 'fontTools') if m in sys.modules]\n"
        "assert not loaded, loaded\n"
    )


def test_chinese_numerals_load_their_library_only_when_one_is_typed() -> None:
    """cn2an costs about 0.1 s of the bot's start-up; plain digits never need it."""
    in_a_fresh_python(
        "import sys\n"
        "import bot.app\n"
        "from bot.domain.parsing import to_decimal\n"
        "assert str(to_decimal('23500')) == '23500' and 'cn2an' not in sys.modules\n"
        "assert to_decimal('2万3') == 23000 and 'cn2an' in sys.modules\n"
    )
