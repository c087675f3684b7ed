"""The one CJK font the export's PDF and the progress picture draw with.

Noto Sans CJK SC (SIL Open Font License) comes as a file inside the ``mplfonts`` package, so
``pip install`` brings it on any machine: no system font, no apt. The package is located,
not imported (importing it would load matplotlib and touch its font cache).
"""

from __future__ import annotations

import importlib.util
from functools import cache
from pathlib import Path

PACKAGE = "mplfonts"
FONT_FILE = "NotoSansCJKsc-Regular.otf"


class FontMissing(RuntimeError):
    """The font file is not where the package puts it (a broken or partial install)."""


@cache
def cjk_font() -> Path:
    """The path of the CJK font file; raises FontMissing if the install lacks it."""
    spec = importlib.util.find_spec(PACKAGE)
    folders = list(spec.submodule_search_locations or []) if spec is not None else []
    for folder in folders:
        path = Path(folder) / "fonts" / FONT_FILE
        if path.is_file():
            return path
    raise FontMissing(f"{FONT_FILE} not found: reinstall the package {PACKAGE}")
