"""Who lends what, and so whom the person negotiates each debt with (domain.md, products).

花呗, 借呗 and 备用金 are lent by 重庆蚂蚁消费金融 and negotiated on 95188; 网商贷 is a
loan of 网商银行 (MYbank) under its own contract; a credit card is negotiated with its
issuing bank, never through 95188. We do not ask which bank issued a card, so every card
(and every "other" debt) is its own lender.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from enum import StrEnum

from bot.domain.models import Product


class LenderKind(StrEnum):
    ANT = "ant"
    MYBANK = "mybank"
    CARD_BANK = "card_bank"
    OTHER = "other"


_KIND: dict[Product, LenderKind] = {
    Product.HUABEI: LenderKind.ANT,
    Product.JIEBEI: LenderKind.ANT,
    Product.BEIYONGJIN: LenderKind.ANT,
    Product.WANGSHANGDAI: LenderKind.MYBANK,
    Product.CREDIT_CARD: LenderKind.CARD_BANK,
    Product.OTHER: LenderKind.OTHER,
}
# Lenders that are one institution however many of its debts the person has.
_SHARED = frozenset({LenderKind.ANT, LenderKind.MYBANK})


def lender_of(product: Product) -> LenderKind:
    return _KIND[product]


@dataclass(frozen=True, slots=True)
class Lender:
    """One institution to negotiate with and the debts (by index into the case) it holds.

    ``number`` counts lenders of the same kind (the second credit card is number 2).
    """

    kind: LenderKind
    number: int
    debt_indices: tuple[int, ...]


def group_by_lender(products: Sequence[Product]) -> tuple[Lender, ...]:
    """The lenders in the order their first debt was entered."""
    groups: list[tuple[LenderKind, list[int]]] = []
    for index, product in enumerate(products):
        kind = lender_of(product)
        shared = next((g for g in groups if g[0] == kind and kind in _SHARED), None)
        if shared is not None:
            shared[1].append(index)
        else:
            groups.append((kind, [index]))
    counted: dict[LenderKind, int] = {}
    lenders = []
    for kind, indices in groups:
        counted[kind] = counted.get(kind, 0) + 1
        lenders.append(Lender(kind, counted[kind], tuple(indices)))
    return tuple(lenders)
