"""Golden renderings of three typical cases: plan + call script + checklist.

Run with UPDATE_GOLDEN=1 to rewrite the files after a deliberate text change, then read
the diff as a user on a phone would.
"""

from __future__ import annotations

import os
from datetime import date
from pathlib import Path

import pytest

from bot.domain.models import Budget, CaseFacts, Debt, Hardship, HardshipReason, Product
from bot.domain.plan import build_plan
from bot.domain.script import build_call_script
from bot.texts.zh.plan import render_plan
from bot.texts.zh.script import render_call_script, render_checklist

TODAY = date(2026, 11, 24)
HERE = Path(__file__).parent


def _yuan(y: int) -> int:
    return y * 100


PROFILES: dict[str, CaseFacts] = {
    "unemployed_temporary_huabei": CaseFacts(
        debts=(Debt(Product.HUABEI, _yuan(23_500), date(2026, 10, 10)),),
        hardship=Hardship(HardshipReason.UNEMPLOYED, temporary=True, months=3),
        budget=Budget(_yuan(6_000), _yuan(4_000), 0),
    ),
    "illness_lasting_jiebei": CaseFacts(
        debts=(Debt(Product.JIEBEI, _yuan(50_000), date(2026, 9, 25), daily_rate_ppm=500),),
        hardship=Hardship(HardshipReason.ILLNESS, note="做了手术，<还在>康复", temporary=False),
        budget=Budget(_yuan(5_000), _yuan(3_800), _yuan(300)),
    ),
    "business_no_surplus_two_debts": CaseFacts(
        debts=(
            Debt(Product.HUABEI, _yuan(12_000), date(2026, 10, 25)),
            Debt(Product.WANGSHANGDAI, _yuan(30_000), date(2026, 11, 4)),
        ),
        hardship=Hardship(HardshipReason.BUSINESS),
        budget=Budget(_yuan(4_000), _yuan(4_200), 0),
    ),
}


def render_all(facts: CaseFacts) -> str:
    plan = build_plan(facts, TODAY)
    script = build_call_script(facts, plan, TODAY)
    sep = "\n\n" + "─" * 12 + "\n\n"
    parts = (
        render_plan(facts, plan),
        render_call_script(script),
        render_checklist(facts.hardship.reason),
    )
    return sep.join(parts) + "\n"


@pytest.mark.parametrize("name", sorted(PROFILES))
def test_golden(name: str) -> None:
    path = HERE / f"{name}.txt"
    got = render_all(PROFILES[name])
    if os.environ.get("UPDATE_GOLDEN") == "1":
        path.write_text(got, encoding="utf-8")
    assert path.exists(), f"missing {path.name}: run with UPDATE_GOLDEN=1"
    assert got == path.read_text(encoding="utf-8")
