"""``python -m bot`` freezes its start-up heap (issue 15): full garbage collections, which
stop the loop, then walk only what came after start-up, not some 78,000 objects; what
start-up left as garbage is collected first, not kept forever."""

from __future__ import annotations

import gc
import weakref

from bot.__main__ import freeze_start_up_heap


class _Node:
    def __init__(self) -> None:
        self.me = self  # a cycle: only the garbage collector frees it


def test_the_start_up_heap_is_frozen_and_its_garbage_freed_first() -> None:
    kept = [[n] for n in range(20_000)]  # stands for what start-up made and keeps
    left = _Node()
    gone = weakref.ref(left)
    del left  # garbage start-up left behind, in a cycle
    gc.disable()  # (no collection by chance before the freeze)
    try:
        freeze_start_up_heap()
        assert gc.get_freeze_count() >= len(kept)
        assert gone() is None  # collected before the freeze: not frozen for ever
    finally:
        gc.unfreeze()
        gc.enable()
