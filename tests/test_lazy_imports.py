"""Start-up pays only for what every update needs: libraries used now and then load then."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_chinese_numerals_load_their_library_only_when_one_is_typed() -> None:
    """cn2an costs about 0.1 s of the bot's start-up; plain digits never need it."""
    code = (
        "import sys\n"
        "import bot.app\n"
        "from bot.domain.parsing import to_decimal\n"
        "assert str(to_decimal('23500')) == '23500' and 'cn2an' not in sys.modules\n"
        "assert to_decimal('2万3') == 23000 and 'cn2an' in sys.modules\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert done.returncode == 0, done.stderr
