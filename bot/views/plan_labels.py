"""What each debt and each lender is called in the plan, the scripts and the buttons."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.lenders import Lender, LenderKind
from bot.domain.models import CaseFacts
from bot.domain.plan import Plan
from bot.texts.zh import plan as t
from bot.texts.zh.lenders import LENDER_NAMES
from bot.texts.zh.names import DEBT_NAMES
from bot.views.fmt import listing


def lender_labels(facts: CaseFacts, lenders: Sequence[Lender]) -> dict[Lender, str]:
    """ "花呗、借呗", "信用卡", "第2笔信用卡"…: what each lender's debts are called."""
    counts: dict[LenderKind, int] = {}
    for lender in lenders:
        counts[lender.kind] = counts.get(lender.kind, 0) + 1
    labels = {}
    for lender in lenders:
        products = dict.fromkeys(facts.debts[i].product for i in lender.debt_indices)
        name = listing(DEBT_NAMES[p] for p in products)
        # 支付宝 and 网商银行 are one lender each; several cards or other loans need a number
        if counts[lender.kind] > 1 and lender.kind in (LenderKind.CARD_BANK, LenderKind.OTHER):
            name = t.NTH_DEBT.format(number=lender.number, name=name)
        labels[lender] = name
    return labels


def debt_labels(facts: CaseFacts) -> tuple[str, ...]:
    """Each debt's name; "第2笔信用卡" where the same product appears more than once."""
    products = [d.product for d in facts.debts]
    labels = []
    for index, product in enumerate(products):
        name = DEBT_NAMES[product]
        if products.count(product) > 1:
            name = t.NTH_DEBT.format(number=products[: index + 1].count(product), name=name)
        labels.append(name)
    return tuple(labels)


def lender_names(plan: Plan) -> str:
    """ "支付宝", "支付宝、发卡银行": whom the plan asks, each kind of lender once."""
    kinds = dict.fromkeys(p.lender.kind for p in plan.lenders)
    return listing(LENDER_NAMES[k] for k in kinds)
