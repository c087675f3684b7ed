"""monthly_progress: the deal month by month, as the progress picture on /status draws it."""

from datetime import date, datetime
from itertools import count, pairwise

from hypothesis import given
from hypothesis import strategies as st

from bot.domain.models import Product
from bot.domain.progress import Installment, InstallmentState, progress_of
from bot.domain.progress_months import MonthFigures, monthly_progress

TODAY = date(2026, 11, 24)
PAID_AT = datetime(2026, 12, 9, 20, 0)
_ids = count(1)


def installment(
    due: date,
    amount_fen: int,
    paid_fen: int | None = None,
    *,
    product: Product = Product.HUABEI,
    number: int = 1,
    installments: int = 12,
) -> Installment:
    return Installment(
        id=next(_ids),
        deal_id=1,
        debt_id=1 if product is Product.HUABEI else 2,
        product=product,
        number=number,
        count=installments,
        due=due,
        amount_fen=amount_fen,
        paid_fen=paid_fen,
        paid_at=None if paid_fen is None else PAID_AT,
    )


def twelve(paid: int, amount: int = 195_834) -> list[Installment]:
    """12 monthly installments from 2026-12-10, the first ``paid`` of them paid in full."""
    return [
        installment(
            date(2026 + (11 + k) // 12, (11 + k) % 12 + 1, 10),
            amount,
            amount if k < paid else None,
            number=k + 1,
        )
        for k in range(12)
    ]


def test_twelve_months_three_paid() -> None:
    months = monthly_progress(twelve(paid=3))
    assert [m.month for m in months.months[:3]] == [
        date(2026, 12, 1),
        date(2027, 1, 1),
        date(2027, 2, 1),
    ]
    assert len(months.months) == 12 and months.months[-1].month == date(2027, 11, 1)
    assert [m.paid_fen for m in months.months] == [195_834] * 3 + [0] * 9
    assert [m.remaining_fen for m in months.months] == [0] * 3 + [195_834] * 9
    assert (months.next_index, months.next_due, months.next_fen) == (3, date(2027, 3, 10), 195_834)
    assert not months.next_partly_paid


def test_a_part_payment_splits_its_month_and_is_the_next_one() -> None:
    items = twelve(paid=1)
    items[1] = installment(date(2027, 1, 10), 195_834, 150_000, number=2)
    months = monthly_progress(items)
    assert months.months[1] == MonthFigures(date(2027, 1, 1), 150_000, 45_834)
    assert (months.next_index, months.next_fen, months.next_partly_paid) == (1, 45_834, True)


def test_an_overpaid_installment_counts_what_was_paid_as_the_status_text_does() -> None:
    items = [
        installment(date(2026, 12, 10), 100_000, 120_000),
        installment(date(2027, 1, 10), 100_000, number=2),
    ]
    months = monthly_progress(items)
    assert months.months[0] == MonthFigures(date(2026, 12, 1), 120_000, 0)
    progress = progress_of(
        [InstallmentState(1, i.due, i.amount_fen, i.paid_fen) for i in items], TODAY
    )
    assert (months.paid_fen, months.remaining_fen) == (progress.paid_fen, progress.remaining_fen)


def test_several_lenders_add_up_in_the_same_month() -> None:
    items = [
        installment(date(2026, 12, 10), 100_000, 100_000),
        installment(date(2026, 12, 17), 50_000, product=Product.JIEBEI),
        installment(date(2027, 1, 10), 100_000, number=2),
        installment(date(2027, 1, 17), 50_000, product=Product.JIEBEI, number=2),
    ]
    months = monthly_progress(items)
    assert months.months == (
        MonthFigures(date(2026, 12, 1), 100_000, 50_000),
        MonthFigures(date(2027, 1, 1), 0, 150_000),
    )
    # the 借呗 one on the 17th is the first not paid
    assert (months.next_index, months.next_due, months.next_fen) == (0, date(2026, 12, 17), 50_000)


def test_of_two_due_the_same_day_the_next_is_the_one_listed_first() -> None:
    items = [
        installment(date(2026, 12, 10), 100_000, product=Product.JIEBEI),
        installment(date(2026, 12, 10), 70_000),
    ]
    assert monthly_progress(items).next_fen == 100_000


def test_a_month_with_nothing_due_is_kept_empty() -> None:
    items = [
        installment(date(2026, 12, 10), 100_000, 100_000),
        installment(date(2027, 3, 10), 100_000, number=2),
    ]
    months = monthly_progress(items).months
    assert [m.month.month for m in months] == [12, 1, 2, 3]
    assert months[1] == MonthFigures(date(2027, 1, 1), 0, 0)


def test_all_paid_has_no_next_one() -> None:
    months = monthly_progress(twelve(paid=12))
    assert (months.next_index, months.next_due, months.next_fen) == (None, None, 0)
    assert months.remaining_fen == 0 and months.paid_fen == 12 * 195_834


def test_no_installments_no_months() -> None:
    assert monthly_progress([]).months == ()


_amounts = st.integers(min_value=1, max_value=5_000_000)


@st.composite
def deals(draw: st.DrawFn) -> list[Installment]:
    """One to three lenders, 1–120 installments each, some paid, some in part, some over."""
    items = []
    for lender in draw(st.lists(st.sampled_from(list(Product)), min_size=1, max_size=3)):
        start = draw(st.dates(date(2025, 1, 1), date(2030, 12, 1)))
        for k in range(draw(st.integers(min_value=1, max_value=120))):
            month = start.month - 1 + k
            due = date(start.year + month // 12, month % 12 + 1, min(start.day, 28))
            amount = draw(_amounts)
            paid = draw(st.none() | st.integers(min_value=0, max_value=amount * 2))
            items.append(installment(due, amount, paid, product=lender, number=k + 1))
    return sorted(items, key=lambda i: i.due)  # as /status reads them: by due date


@given(deals())
def test_the_months_add_up_to_the_status_totals_to_the_fen(items: list[Installment]) -> None:
    months = monthly_progress(items)
    states = [InstallmentState(i.number, i.due, i.amount_fen, i.paid_fen) for i in items]
    progress = progress_of(states, TODAY)
    assert months.paid_fen == progress.paid_fen
    assert months.remaining_fen == progress.remaining_fen
    # every month from the first due date to the last, one after the other
    firsts = [m.month for m in months.months]
    assert firsts[0] == min(i.due for i in items).replace(day=1)
    assert firsts[-1] == max(i.due for i in items).replace(day=1)
    assert all((b.year * 12 + b.month) - (a.year * 12 + a.month) == 1 for a, b in pairwise(firsts))
    unpaid = [i for i in items if not i.paid]
    if not unpaid:
        assert months.next_index is None
        return
    # the next one is the one /status's text names: the first listed not paid in full
    assert months.next_index is not None
    assert months.months[months.next_index].month == unpaid[0].due.replace(day=1)
    assert (months.next_due, months.next_fen) == (unpaid[0].due, unpaid[0].outstanding_fen)
