"""The profiles pinned as golden files: the advice review's thirteen, and our own five.

Letters (a)–(j) follow ``shared/reviews/advice-2026-12.md``; (k)–(o) are ours, chosen to
reach what the review did not: two cards and a whole balance, a part payment, other debts
over 36 %, a typed penalty rate on a long-overdue loan, and a deficit. (p)–(r) come from
the second adviser reading: a tiny and a large debt at one lender, a surplus of 30 元
against a growing penalty, and a card that would need longer than 第70条's five years.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from bot.domain.models import (
    Budget,
    CaseFacts,
    Debt,
    Hardship,
    HardshipReason,
    Product,
    RateBasis,
)

TODAY = date(2026, 11, 24)
R = HardshipReason
P = Product


def yuan(y: int) -> int:
    return y * 100


@dataclass(frozen=True)
class Profile:
    facts: CaseFacts
    today: date = TODAY


def _case(
    *debts: Debt,
    reason: HardshipReason,
    income: int,
    essentials: int,
    other: int = 0,
    payday: int | None = None,
    months: int | None = None,
    lasting: bool = False,
    note: str | None = None,
) -> CaseFacts:
    return CaseFacts(
        debts=debts,
        hardship=Hardship(reason, note=note, temporary=not lasting, months=months),
        budget=Budget(yuan(income), yuan(essentials), yuan(other), payday=payday),
    )


PROFILES: dict[str, Profile] = {
    "unemployed_temporary_huabei": Profile(
        _case(
            Debt(P.HUABEI, yuan(23_500), date(2026, 10, 10)),
            reason=R.UNEMPLOYED,
            months=3,
            income=6_000,
            essentials=4_000,
            payday=15,
        )
    ),
    "illness_lasting_jiebei": Profile(
        _case(
            Debt(
                P.JIEBEI,
                yuan(50_000),
                date(2026, 9, 25),
                daily_rate_ppm=500,
                rate_basis=RateBasis.LOAN,
            ),
            reason=R.ILLNESS,
            note="做了手术，<还在>康复",
            lasting=True,
            income=5_000,
            essentials=3_800,
            other=300,
            payday=10,
        )
    ),
    "business_no_surplus_two_debts": Profile(
        _case(
            Debt(P.HUABEI, yuan(12_000), date(2026, 10, 25)),
            Debt(P.WANGSHANGDAI, yuan(30_000), date(2026, 11, 4)),
            reason=R.BUSINESS,
            lasting=True,
            income=4_000,
            essentials=4_200,
        )
    ),
    "a_tiny_huabei": Profile(
        _case(
            Debt(P.HUABEI, yuan(800), date(2026, 11, 14)),
            reason=R.INCOME_DROP,
            months=1,
            income=3_000,
            essentials=2_500,
            payday=15,
        )
    ),
    "b_huge_jiebei": Profile(
        _case(
            Debt(P.JIEBEI, yuan(300_000), date(2026, 9, 25)),
            reason=R.BUSINESS,
            lasting=True,
            income=3_000,
            essentials=2_800,
            payday=20,
        )
    ),
    "c_no_income": Profile(
        _case(
            Debt(P.HUABEI, yuan(5_000), date(2026, 10, 25)),
            reason=R.UNEMPLOYED,
            months=3,
            income=0,
            essentials=1_500,
        )
    ),
    "d_400_days": Profile(
        _case(
            Debt(P.HUABEI, yuan(20_000), date(2025, 10, 20)),
            reason=R.INCOME_DROP,
            lasting=True,
            income=5_000,
            essentials=3_500,
            payday=5,
        )
    ),
    "e_card_and_huabei": Profile(
        _case(
            Debt(P.CREDIT_CARD, yuan(30_000), date(2026, 10, 20)),
            Debt(P.HUABEI, yuan(8_000), date(2026, 10, 20)),
            reason=R.UNEMPLOYED,
            months=6,
            income=6_000,
            essentials=4_000,
            payday=25,
        )
    ),
    "f_high_income_small_debt": Profile(
        _case(
            Debt(P.HUABEI, yuan(3_000), date(2026, 11, 4)),
            reason=R.OTHER,
            note="忘了还",
            months=1,
            income=15_000,
            essentials=6_000,
            payday=10,
        )
    ),
    "g_month_end": Profile(
        _case(
            Debt(P.HUABEI, yuan(23_500), date(2026, 12, 17)),
            reason=R.UNEMPLOYED,
            months=3,
            income=6_000,
            essentials=4_000,
        ),
        today=date(2027, 1, 31),
    ),
    "h_three_debts_long_pause": Profile(
        _case(
            Debt(P.HUABEI, yuan(20_000), date(2026, 10, 1)),
            Debt(
                P.JIEBEI,
                yuan(30_000),
                date(2026, 10, 1),
                daily_rate_ppm=400,
                rate_basis=RateBasis.LOAN,
            ),
            Debt(P.BEIYONGJIN, yuan(500), date(2026, 10, 1)),
            reason=R.FAMILY,
            months=12,
            income=7_000,
            essentials=5_000,
            payday=1,
        )
    ),
    "i_surplus_110": Profile(
        _case(
            Debt(P.HUABEI, yuan(1_500), date(2026, 11, 1)),
            reason=R.INCOME_DROP,
            months=3,
            income=3_000,
            essentials=2_890,
            payday=10,
        )
    ),
    "j_low_essentials": Profile(
        _case(
            Debt(P.HUABEI, yuan(20_000), date(2026, 10, 15)),
            reason=R.INCOME_DROP,
            lasting=True,
            income=5_000,
            essentials=2_000,
            payday=15,
        )
    ),
    "k_two_cards_and_jiebei_whole_balance": Profile(
        _case(
            Debt(P.CREDIT_CARD, yuan(18_000), date(2026, 10, 5), total_due_fen=yuan(26_000)),
            Debt(P.CREDIT_CARD, yuan(6_000), date(2026, 10, 28)),
            Debt(
                P.JIEBEI,
                yuan(9_000),
                date(2026, 10, 5),
                daily_rate_ppm=350,
                rate_basis=RateBasis.LOAN,
                total_due_fen=yuan(40_000),
            ),
            reason=R.ILLNESS,
            note="骨折住院两个月",
            months=6,
            income=12_000,
            essentials=6_500,
            other=1_200,
            payday=31,
        )
    ),
    "l_wangshangdai_part_now": Profile(
        _case(
            Debt(P.WANGSHANGDAI, yuan(4_000), date(2026, 11, 10)),
            reason=R.BUSINESS,
            months=1,
            income=8_000,
            essentials=5_000,
            payday=None,
        )
    ),
    "m_other_debts_over_36": Profile(
        _case(
            Debt(P.HUABEI, yuan(9_000), date(2026, 10, 24)),
            reason=R.INCOME_DROP,
            months=6,
            income=6_000,
            essentials=2_500,
            other=2_400,
            payday=10,
        )
    ),
    "n_jiebei_penalty_rate_long_overdue": Profile(
        _case(
            Debt(
                P.JIEBEI,
                yuan(15_000),
                date(2026, 5, 1),
                daily_rate_ppm=750,
                total_due_fen=yuan(21_000),
            ),
            reason=R.ILLNESS,
            months=6,
            income=7_500,
            essentials=5_200,
            payday=8,
        )
    ),
    "o_deficit_family": Profile(
        _case(
            Debt(P.BEIYONGJIN, yuan(2_000), date(2026, 11, 1)),
            Debt(P.HUABEI, yuan(6_500), date(2026, 10, 18)),
            reason=R.FAMILY,
            lasting=True,
            income=3_000,
            essentials=3_500,
            payday=15,
        )
    ),
    "p_tiny_and_large_at_one_lender": Profile(
        _case(
            Debt(P.HUABEI, yuan(10), date(2026, 11, 1)),
            Debt(P.JIEBEI, yuan(30_000), date(2026, 10, 1)),
            reason=R.INCOME_DROP,
            months=3,
            income=5_000,
            essentials=3_900,
            payday=15,
        )
    ),
    "q_surplus_30_token_and_pause": Profile(
        _case(
            Debt(P.CREDIT_CARD, yuan(20_000), date(2026, 9, 1)),
            Debt(P.WANGSHANGDAI, yuan(3_000), date(2026, 10, 1)),
            reason=R.FAMILY,
            lasting=True,
            income=3_000,
            essentials=2_970,
            payday=10,
        )
    ),
    "r_card_longer_than_five_years": Profile(
        _case(
            Debt(P.CREDIT_CARD, yuan(60_000), date(2026, 5, 1)),
            Debt(P.JIEBEI, yuan(40_000), date(2026, 5, 1)),
            reason=R.ILLNESS,
            lasting=True,
            income=6_000,
            essentials=4_500,
            other=300,
            payday=15,
        )
    ),
    # 38 months at the limit: longer than the usual 36, not out of reach; with the penalty of
    # two years not waived it would take 51
    # a card at 1,000 a month: 40 months, within the 5 years of 第70条, so the bank is asked
    # for that and no "5 年" line contradicts the plan
    "t_card_forty_months": Profile(
        _case(
            Debt(P.CREDIT_CARD, yuan(40_000), date(2026, 10, 25)),
            reason=R.INCOME_DROP,
            lasting=True,
            income=6_000,
            essentials=4_889,
            payday=10,
        )
    ),
    "s_wangshangdai_two_years_overdue": Profile(
        _case(
            Debt(P.WANGSHANGDAI, yuan(50_000), date(2024, 11, 24)),
            reason=R.BUSINESS,
            lasting=True,
            income=5_000,
            essentials=3_500,
            payday=15,
        )
    ),
}
