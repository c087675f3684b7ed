"""group_by_lender: whom each debt is negotiated with (domain.md, "The products and who lends").

花呗, 借呗 and 备用金 are one lender (重庆蚂蚁消费金融, on 95188); 网商贷 is 网商银行 under
its own contract; every credit card is its own issuing bank; every "other" debt its own
lender. A credit card is never grouped with Alipay's lender.
"""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from bot.domain.lenders import Lender, LenderKind, group_by_lender, lender_of
from bot.domain.models import Product

P = Product
K = LenderKind


def test_every_product_has_its_lender():
    assert lender_of(P.HUABEI) is K.ANT
    assert lender_of(P.JIEBEI) is K.ANT
    assert lender_of(P.BEIYONGJIN) is K.ANT
    assert lender_of(P.WANGSHANGDAI) is K.MYBANK
    assert lender_of(P.CREDIT_CARD) is K.CARD_BANK
    assert lender_of(P.OTHER) is K.OTHER
    assert {lender_of(p) for p in Product} == set(LenderKind)


def test_alipay_products_are_one_lender():
    assert group_by_lender([P.HUABEI, P.JIEBEI, P.BEIYONGJIN]) == (Lender(K.ANT, 1, (0, 1, 2)),)


def test_wangshangdai_is_mybank_not_ant():
    assert group_by_lender([P.HUABEI, P.WANGSHANGDAI, P.JIEBEI, P.WANGSHANGDAI]) == (
        Lender(K.ANT, 1, (0, 2)),
        Lender(K.MYBANK, 1, (1, 3)),
    )


def test_each_credit_card_is_its_own_bank_and_never_ant():
    lenders = group_by_lender([P.CREDIT_CARD, P.HUABEI, P.CREDIT_CARD])
    assert lenders == (
        Lender(K.CARD_BANK, 1, (0,)),
        Lender(K.ANT, 1, (1,)),
        Lender(K.CARD_BANK, 2, (2,)),
    )


def test_each_other_debt_is_its_own_lender():
    assert group_by_lender([P.OTHER, P.OTHER]) == (
        Lender(K.OTHER, 1, (0,)),
        Lender(K.OTHER, 2, (1,)),
    )


def test_no_debts_no_lenders():
    assert group_by_lender([]) == ()


@settings(max_examples=200, deadline=None)
@given(st.lists(st.sampled_from(Product), max_size=8))
def test_grouping_properties(products: list[Product]):
    lenders = group_by_lender(products)
    # every debt belongs to exactly one lender, in the order the debts were entered
    indices = [i for lender in lenders for i in lender.debt_indices]
    assert sorted(indices) == list(range(len(products)))
    firsts = [lender.debt_indices[0] for lender in lenders]
    assert firsts == sorted(firsts)
    for lender in lenders:
        assert list(lender.debt_indices) == sorted(lender.debt_indices)
        assert {lender_of(products[i]) for i in lender.debt_indices} == {lender.kind}
        if lender.kind in (K.CARD_BANK, K.OTHER):
            assert len(lender.debt_indices) == 1
    for kind in LenderKind:
        of_kind = [lender for lender in lenders if lender.kind is kind]
        assert [lender.number for lender in of_kind] == list(range(1, len(of_kind) + 1))
        if kind in (K.ANT, K.MYBANK):
            assert len(of_kind) <= 1
    expected = {K.ANT: 0, K.MYBANK: 0, K.CARD_BANK: 0, K.OTHER: 0}
    for p in products:
        expected[lender_of(p)] += 1
    assert sum(1 for lender in lenders if lender.kind is K.CARD_BANK) == expected[K.CARD_BANK]
    assert sum(1 for lender in lenders if lender.kind is K.OTHER) == expected[K.OTHER]
