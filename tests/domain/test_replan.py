"""Re-planning a slipping deal: what is left, what fits now, and by when to call."""

from datetime import date

from bot.domain.models import Budget, Hardship, HardshipReason, Product
from bot.domain.plan import Recommendation
from bot.domain.replan import DealLeft, replan

TODAY = date(2027, 2, 10)
HARD = Hardship(HardshipReason.INCOME_DROP)


def left(fen: int, monthly: int, due: date | None, product: Product = Product.HUABEI) -> DealLeft:
    return DealLeft(debt_id=1, product=product, left_fen=fen, monthly_fen=monthly, next_due=due)


def test_lower_income_proposes_smaller_installments_before_the_next_due_date():
    deal = left(1_800_000, 200_000, date(2027, 2, 20))
    budget = Budget(income_fen=500_000, essentials_fen=380_000, other_debts_fen=0, payday=15)
    r = replan([deal], HARD, budget, TODAY, max_periods=36)
    assert r is not None
    assert r.left_fen == 1_800_000 and r.monthly_fen == 200_000
    assert not r.still_fits  # 2,000 a month no longer fits 5,000 - 3,800 (less the buffer)
    assert r.plan.kind is Recommendation.INSTALLMENTS
    assert r.plan.schedule is not None
    assert r.plan.schedule.max_period_fen <= r.plan.money.limit_fen
    assert r.plan.schedule.total_fen == 1_800_000
    assert r.call_before == date(2027, 2, 20)


def test_a_late_installment_means_call_now():
    deal = left(500_000, 100_000, date(2027, 2, 1))
    budget = Budget(income_fen=600_000, essentials_fen=400_000, other_debts_fen=0)
    r = replan([deal], HARD, budget, TODAY, max_periods=36)
    assert r is not None and r.late and r.call_before is None


def test_nothing_left_needs_no_plan():
    budget = Budget(income_fen=600_000, essentials_fen=400_000, other_debts_fen=0)
    assert replan([left(0, 0, None)], HARD, budget, TODAY, max_periods=36) is None


def test_no_money_left_asks_for_a_pause():
    deal = left(900_000, 100_000, date(2027, 3, 1))
    budget = Budget(income_fen=0, essentials_fen=200_000, other_debts_fen=0)
    r = replan([deal], Hardship(HardshipReason.UNEMPLOYED), budget, TODAY, max_periods=36)
    assert r is not None and r.plan.kind is Recommendation.PAUSE
    assert not r.still_fits


def test_a_deal_that_still_fits_says_so():
    deal = left(600_000, 50_000, date(2027, 3, 1))
    budget = Budget(income_fen=800_000, essentials_fen=400_000, other_debts_fen=0)
    r = replan([deal], HARD, budget, TODAY, max_periods=36)
    assert r is not None and r.still_fits


def test_two_lenders_share_what_is_left():
    deals = [
        left(1_000_000, 100_000, date(2027, 2, 20)),
        DealLeft(2, Product.CREDIT_CARD, 500_000, 50_000, date(2027, 2, 25)),
    ]
    budget = Budget(income_fen=600_000, essentials_fen=480_000, other_debts_fen=0)
    r = replan(deals, HARD, budget, TODAY, max_periods=36)
    assert r is not None and len(r.plan.lenders) == 2
    assert r.call_before == date(2027, 2, 20)
