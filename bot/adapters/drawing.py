"""One thread draws every file the bot makes (the /status picture, the export's PDF), off
the event loop and one at a time.

matplotlib's caches (fonts, text layout) are not made for threads drawing at once, and a
PDF reads the whole 16 MB CJK font (~100 MB while it works): one thread keeps one copy of
each and caps the memory, however many people ask at once. A picture takes ~0.1 s, a
PDF ~0.6 s.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from typing import TypeVar

T = TypeVar("T")

_DRAWER = ThreadPoolExecutor(max_workers=1, thread_name_prefix="drawing")


async def drawn(make: Callable[..., T], *args: object) -> T:
    """``make(*args)`` in the drawing thread; the event loop goes on meanwhile."""
    return await asyncio.get_running_loop().run_in_executor(_DRAWER, make, *args)
