"""The re-plan proposal and its call script, for one lender and several, and for each kind
of ask: short enough for a phone, sayable, one ask per lender, never a promise."""

from __future__ import annotations

import re
from datetime import date

import pytest

from bot.domain.models import Budget, Hardship, HardshipReason, Product
from bot.domain.plan import Recommendation
from bot.domain.replan import DealLeft, Replan, replan
from bot.views.replan import render_proposal
from bot.views.replan_script import render_replan_script

TODAY = date(2027, 2, 10)
HARD = Hardship(HardshipReason.INCOME_DROP)
_TAG = re.compile(r"<[^>]+>")


def deal(debt: int, product: Product, left: int, monthly: int, due: date, paid: int) -> DealLeft:
    return DealLeft(debt, product, left, monthly, due, paid, 3, monthly)


def proposal(deals: list[DealLeft], income: int, essentials: int) -> Replan:
    budget = Budget(income_fen=income, essentials_fen=essentials, other_debts_fen=0, payday=15)
    found = replan(deals, HARD, budget, TODAY, max_periods=36)
    assert found is not None
    return found


def shown(text: str) -> str:
    return _TAG.sub("", text)


def said(messages: tuple[str, ...]) -> list[str]:
    return [s for m in messages for s in re.findall("“([^”]*)”", shown(m))]


HUABEI = deal(1, Product.HUABEI, 1_800_000, 200_000, date(2027, 2, 20), 400_000)
CARD = deal(2, Product.CREDIT_CARD, 600_000, 80_000, date(2027, 2, 25), 0)
WANGSHANG = deal(3, Product.WANGSHANGDAI, 300_000, 50_000, date(2027, 2, 28), 100_000)


@pytest.mark.parametrize(
    ("deals", "income", "essentials"),
    [
        ([HUABEI], 500_000, 380_000),  # installments
        ([HUABEI], 0, 200_000),  # a pause
        ([HUABEI], 900_000, 400_000),  # the deal still fits
        ([HUABEI, CARD], 600_000, 480_000),
        ([HUABEI, CARD, WANGSHANG], 700_000, 560_000),
        ([HUABEI, CARD, WANGSHANG], 0, 200_000),
    ],
)
def test_short_sayable_and_never_a_promise(
    deals: list[DealLeft], income: int, essentials: int
) -> None:
    p = proposal(deals, income, essentials)
    text = render_proposal(p)
    assert len(shown(text)) <= 300
    assert "同不同意由" in text and "不借新债还旧债" in text
    script = render_replan_script(p)
    assert all(len(shown(m)) <= 300 for m in script)
    lines = said(script)
    assert lines and all(len(s) <= 40 for s in lines)
    assert not any(re.search("[()（）]", s) for s in lines)
    for word in ("保证", "一定能", "肯定"):
        assert word not in text and not any(word in m for m in script)
    # two messages per lender, each with its own title and its own ask
    assert len(script) == 2 * len(p.plan.lenders)
    assert sum("重新协商" in m.split("\n", 1)[0] for m in script) == len(p.plan.lenders)
    assert sum(s.startswith(("想申请", "我每月最多", "这一期的")) for s in lines) == len(
        p.plan.lenders
    )


def test_several_lenders_each_get_their_own_numbers() -> None:
    p = proposal([HUABEI, CARD], 600_000, 480_000)
    assert p.plan.kind is Recommendation.INSTALLMENTS
    text = render_proposal(p)
    assert "可以分别申请：支付宝每月" in text and "；发卡银行每月" in text
    assert "联系支付宝和发卡银行" in text
    script = render_replan_script(p)
    assert "打给 95188" in script[0] and "联系发卡银行" in script[2]
    assert "我的花呗现在还剩 18,000 元没还。" in said(script[:1])
    assert "我的信用卡现在还剩 6,000 元没还。" in said(script[2:3])
    # the card's deal had nothing paid yet: no "一直按约定在还"
    assert "一直按约定在还" in script[0] and "一直按约定在还" not in script[2]
    # the shares add up to the month's limit at most
    first = [lp.installments[0] for lp in p.plan.lenders if lp.installments]
    assert sum(first) <= p.plan.money.limit_fen


def test_a_deal_that_still_fits_asks_only_for_a_few_days() -> None:
    p = proposal([HUABEI], 900_000, 400_000)
    assert p.still_fits
    text = render_proposal(p)
    assert "照原来的约定还就好" in text and "晚几天或先还一部分" in text and "/update" in text
    lines = said(render_replan_script(p))
    assert "这一期的 2,000 元，想申请晚几天还，或者先还一部分。" in lines
    assert "这是我不借钱、不动生活费能拿出来的最多的钱。" not in lines


def test_on_the_due_day_itself_the_call_is_today_not_before_a_date() -> None:
    due_today = deal(1, Product.HUABEI, 1_800_000, 200_000, TODAY, 400_000)
    found = proposal([due_today], 500_000, 380_000)
    text = shown(render_proposal(found))
    assert "今天就联系支付宝客服 95188" in text and "之前联系" not in text
    script = shown(render_replan_script(found)[0])
    assert "今天就打" in script and "之前打" not in script
