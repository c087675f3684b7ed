"""What one progress picture on /status costs: time per picture, PNG size, memory.

Run from the repository root::

    .venv/bin/python bench/progress_picture.py [--repeat N] [--save DIR]

A 12-month deal with 3 installments paid and a 36-month deal with 5 paid and one paid in
part go through the same path /status takes (domain → view → renderer), in this one
process: first the cold picture (matplotlib imported and the 16 MB font read on first use,
as after a restart), then N warm ones of each. ``--save`` writes the two PNGs to look at.
"""

from __future__ import annotations

import argparse
import platform
import resource
import statistics
import sys
import time
from datetime import date
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from bot.domain.models import Product
from bot.domain.progress import Installment
from bot.domain.progress_months import monthly_progress
from bot.render.chart import progress_png
from bot.views.progress_picture import progress_picture

TODAY = date(2026, 11, 24)
AMOUNT_FEN = 195_834


def deal(months: int, paid: int, part_fen: int | None = None) -> list[Installment]:
    """``months`` installments from 2026-12-10, ``paid`` of them in full, the next in part."""
    items = []
    for k in range(months):
        month = 11 + k
        paid_fen = AMOUNT_FEN if k < paid else (part_fen if k == paid else None)
        items.append(
            Installment(
                id=k + 1,
                deal_id=1,
                debt_id=1,
                product=Product.HUABEI,
                number=k + 1,
                count=months,
                due=date(2026 + month // 12, month % 12 + 1, 10),
                amount_fen=AMOUNT_FEN,
                paid_fen=paid_fen,
                paid_at=None,
            )
        )
    return items


def picture_of(items: list[Installment]) -> bytes:
    return progress_png(progress_picture(monthly_progress(items), TODAY))


def rss_mb() -> float:
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--repeat", type=int, default=20)
    parser.add_argument("--save", type=Path)
    args = parser.parse_args()
    deals = {"12 months, 3 paid": deal(12, 3), "36 months, 5 paid": deal(36, 5, 150_000)}

    print(f"{platform.processor() or platform.machine()}, Python {platform.python_version()}")
    before = rss_mb()
    start = time.perf_counter()
    picture_of(deals["12 months, 3 paid"])
    cold = time.perf_counter() - start
    print(f"first picture (imports matplotlib, reads the font): {cold:.2f} s")
    print(f"peak RSS: {before:.0f} MB before, {rss_mb():.0f} MB after the first picture")
    print(f"{'deal':<22}{'median s':>10}{'max s':>8}{'PNG KB':>9}")
    for name, items in deals.items():
        times = []
        for _ in range(args.repeat):
            start = time.perf_counter()
            png = picture_of(items)
            times.append(time.perf_counter() - start)
        print(
            f"{name:<22}{statistics.median(times):>10.3f}{max(times):>8.3f}{len(png) / 1024:>9.1f}"
        )
        if args.save is not None:
            args.save.mkdir(parents=True, exist_ok=True)
            (args.save / f"progress_{len(items)}.png").write_bytes(png)
    print(f"peak RSS after {2 * args.repeat} more: {rss_mb():.0f} MB")


if __name__ == "__main__":
    main()
