"""The CJK font the PDF and the picture use is installed with the package and draws every
character the catalogue can put in them (a missing glyph prints as an empty box)."""

from __future__ import annotations

import re
from pathlib import Path

from fontTools.ttLib import TTFont

from bot.render.fonts import cjk_font

ROOT = Path(__file__).resolve().parents[2]
CHINESE = re.compile(r"[\u2010-\u2027\u3000-\u303f\u3400-\u9fff\uff00-\uffef]")


def test_the_font_comes_with_the_install_and_covers_the_catalogue() -> None:
    path = cjk_font()
    assert path.is_file() and path.stat().st_size > 1_000_000
    with TTFont(path, lazy=True) as font:
        covered = set(font.getBestCmap())
    text = "".join(p.read_text(encoding="utf-8") for p in (ROOT / "bot/texts/zh").glob("*.py"))
    # every Chinese character and punctuation mark (symbols and emoji are not drawn as text)
    wanted = {ch for ch in text if CHINESE.match(ch)}
    missing = sorted(ch for ch in wanted if ord(ch) not in covered)
    assert not missing, "".join(missing)
