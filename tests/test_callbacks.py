"""Callback data: what the keyboards build is what the handlers' patterns accept, and no more."""

import pytest

from bot import callbacks as cb
from bot.adapters import keyboards
from bot.adapters.deal import store as deal_store
from bot.adapters.intake import summary
from bot.domain.deal import DealKind
from bot.domain.models import HardshipReason, Product


def all_data() -> list[str]:
    markups = [
        keyboards.agree(),
        keyboards.products(),
        keyboards.skip_rate(),
        keyboards.skip_total(),
        keyboards.paydays(),
        keyboards.essentials_ok(),
        keyboards.more_debts(),
        keyboards.reasons(),
        keyboards.durations(),
        keyboards.no_other_debts(),
        keyboards.confirm(),
        keyboards.edit_menu([7, 10**18 - 1]),
        keyboards.resume(True),
        keyboards.resume(False),
        keyboards.after_plan(["支付宝", "招商银行"]),
        keyboards.after_plan_short(),
        keyboards.script_chooser(["支付宝", "招商银行"]),
        keyboards.after_script(1),
        keyboards.delete_confirm(),
    ]
    return [b.callback_data for m in markups for row in m.inline_keyboard for b in row]


def test_every_button_the_keyboards_build_is_accepted() -> None:
    data = all_data()
    assert len(data) > 40
    assert [d for d in data if not cb.is_known(d)] == []


def test_old_buttons_keep_their_format() -> None:
    assert cb.DURATION.data(None) == "intake:duration:lasting"
    assert cb.DURATION.parse("intake:duration:12") == 12
    assert cb.PAYDAY.parse("intake:payday:irregular") is None
    assert cb.PRODUCT.parse("intake:product:huabei") is Product.HUABEI
    assert cb.parse_change("intake:change:amount:12") == ("amount", 12)
    assert cb.parse_change("intake:change:income") == ("income", None)
    assert cb.SNOOZE_AT.parse("rem:snoozeat:5:tonight")[0] == 5
    assert cb.SETTING.parse("set:mute:0") == ("mute", 0)


@pytest.mark.parametrize(
    "data",
    [
        "intake:duration:0",
        "intake:duration:999",
        "intake:duration:3\n",
        "intake:duration:٣",
        "intake:payday:0",
        "intake:payday:32",
        "intake:product:xyz",
        "intake:change:xyz",
        "intake:change:income:5",  # only a debt's answers name a debt
        "intake:change:amount:0",
        "intake:delete:" + str(2**63),
        "intake:delete:0012",
        "rem:paid:" + "9" * 19,
        "rem:paid:-1",
        "rem:snoozeat:1:later",
        "deal:dueday:0",
        "deal:dueday:32",
        "deal:kind:xyz",
        "deal:again:later",
        "set:morning:7",
        "set:lead:2",
        "set:due:1",
        "case:script:123",
        "faq:xyz",
        "delete:maybe",
        "",
    ],
)
def test_anything_else_is_refused(data: str) -> None:
    assert not cb.is_known(data)


def test_ids_are_bounded_to_sqlite_integers() -> None:
    assert cb.PAID.parse(f"rem:paid:{10**17}") == 10**17
    with pytest.raises(cb.StaleCallback):
        cb.PAID.parse(f"rem:paid:{10**18}")


def test_choices_are_what_the_code_offers() -> None:
    assert set(cb.DURATION.values) == {1, 3, 6, 12, None}
    assert set(cb.REASON.values) == set(HardshipReason)
    assert set(cb.DEAL_KIND.values) == set(DealKind)
    assert set(summary._CHANGES) == {*cb.DEBT_FIELDS, *cb.CASE_FIELDS}
    assert {deal_store.MAIN_OPTION, deal_store.WITH_PENALTY_OPTION, "own"} == set(
        cb.DEAL_OPTION.values
    )


def test_no_callback_data_is_written_outside_the_protocol_module() -> None:
    """Buttons get their data from bot/callbacks.py only (bare area prefixes such as
    ``deal:`` for the stale-button catch-alls excepted)."""
    import ast
    import re
    from pathlib import Path

    root = Path(__file__).resolve().parents[1]
    data = re.compile(r"^\^?(rem|faq|deal|plan|set|case|intake|delete):.")
    found = []
    for path in [*root.glob("bot/**/*.py"), *root.glob("conversations/**/*.py")]:
        if path.name == "callbacks.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            parts = [node] if isinstance(node, ast.Constant) else []
            if isinstance(node, ast.JoinedStr):
                parts = [v for v in node.values if isinstance(v, ast.Constant)][:1]
            for part in parts:
                if isinstance(part.value, str) and data.match(part.value):
                    found.append(f"{path.relative_to(root)}:{node.lineno} {part.value!r}")
    assert not found, "\n".join(found)
