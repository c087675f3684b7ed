"""What the bot says, read as a debt adviser would: no promise of an outcome, the bank rule
only for bank cards, the scam warnings where people decide, and nothing a lender's script
should not contain. Every constant in bot/texts/zh and every golden message is read."""

import importlib
import pkgutil
import re
from pathlib import Path

import bot.texts.zh as zh
from tests.golden.profiles import PROFILES
from tests.golden.test_golden import SEPARATOR

FORBIDDEN = ("保证", "一定", "百分百", "肯定能", "必定", "包过", "稳过", "100%成功")
# Lines that imply an outcome or a right the person does not have.
BANNED_IN_ADVICE = ("早点谈", "少付罚息", "请求", "法律援助热线", "你好，我的")
GOLDEN = Path(__file__).parent / "golden"
CARD_RULE = re.compile(r"第70条|第七十条|个性化分期")


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, tuple | list):
        return [s for v in value for s in _strings(v)]
    return []


def catalogue() -> dict[str, str]:
    texts: dict[str, str] = {}
    for info in pkgutil.iter_modules(zh.__path__):
        module = importlib.import_module(f"bot.texts.zh.{info.name}")
        for name, value in vars(module).items():
            if name.isupper():
                for index, text in enumerate(_strings(value)):
                    texts[f"{info.name}.{name}[{index}]"] = text
    return texts


def golden_messages() -> dict[str, list[str]]:
    return {
        path.name: path.read_text(encoding="utf-8").rstrip("\n").split(SEPARATOR)
        for path in sorted(GOLDEN.glob("*.txt"))
    }


def test_the_catalogue_and_every_golden_profile_are_read() -> None:
    texts = catalogue()
    assert len(texts) > 150
    assert any(name.startswith("faq.TOPICS") for name in texts)
    assert len(golden_messages()) == len(PROFILES) >= 17


def test_no_text_promises_an_outcome() -> None:
    everything = catalogue() | {
        f"{name}#{k}": m for name, ms in golden_messages().items() for k, m in enumerate(ms)
    }
    offending = {
        name: word for name, text in everything.items() for word in FORBIDDEN if word in text
    }
    assert offending == {}


def test_no_advice_implies_an_outcome_or_uses_the_old_register() -> None:
    for name, messages in golden_messages().items():
        for message in messages:
            for phrase in BANNED_IN_ADVICE:
                assert phrase not in message, (name, phrase)


def test_the_bank_card_rule_is_only_a_reference_and_only_for_bank_cards() -> None:
    for name, text in catalogue().items():
        if "第70条" in text:
            assert "信用卡" in text and "可作参考" in text and "不适用于花呗" in text, name
    for name, messages in golden_messages().items():
        has_card = any(m.startswith("<b>📞") and "联系发卡银行" in m for m in messages)
        for message in messages:
            if CARD_RULE.search(message):
                assert has_card and "信用卡" in message, name
                # said to the bank, or explained to the person with its limits
                assert message.startswith("您好") or (
                    "可作参考" in message and "不适用于花呗" in message
                ), (name, message)


def test_a_95188_script_never_mentions_a_credit_card() -> None:
    for name, messages in golden_messages().items():
        lender = ""
        for message in messages:
            if message.startswith("<b>📞") or message.startswith("<b>💬"):
                lender = message.split("\n", 1)[0]
            if "95188" in lender or "打给 95188" in message:
                assert "信用卡" not in message.replace("信用卡要和发卡银行谈", ""), (name, message)


# The scam warning, word by word: said where the person decides, never repeated elsewhere.
SCAM_WORDS = ("代理协商", "停息挂账", "别接平台电话", "骗局", "自称能帮你协商")


def test_scam_warnings_are_where_people_decide_and_only_there() -> None:
    texts = catalogue()
    # the welcome: negotiating is free, no fee to any "agency", no codes to anyone
    welcome = texts["intake.WELCOME[0]"]
    assert "免费" in welcome and "代理协商" in welcome and "验证码" in welcome
    # the worries: the whole warning, once
    agency = next(v for k, v in texts.items() if k.startswith("faq.TOPICS") and "停息挂账" in v)
    assert "别接平台电话" in agency and "已经结束" in agency and "免费" in agency
    # the scam checker (/scam) names the hooks it finds: the place where a person decides
    checker = "\n".join(v for k, v in texts.items() if k.startswith("scams."))
    assert "免费" in checker and "照常接" in checker and "验证码不告诉任何人" in checker
    # nowhere else in the catalogue: not /help, not the plan's footer, not the checklist
    where = {
        name.split("[")[0]
        for name, text in texts.items()
        if any(word in text for word in SCAM_WORDS) and not name.startswith("scams.")
    }
    assert where == {"intake.WELCOME", "faq.TOPICS"}, where
    for name, messages in golden_messages().items():
        scripts = [m for m in messages if m.startswith(("<b>📞", "<b>💬"))]
        others = [m for m in messages if m not in scripts]
        # each call script: pay only through the lender, codes to no one
        last_of_script = [m for m in messages if "<b>记住</b>" in m]
        assert last_of_script and all("验证码不告诉任何人" in m for m in last_of_script), name
        # the plan and the checklist do not repeat it
        for message in others:
            assert not any(word in message for word in SCAM_WORDS), (name, message)
            assert "验证码" not in message or "<b>记住</b>" in message, (name, message)
        assert "不借新债还旧债" in "\n".join(messages), name


def test_free_help_names_each_line_by_its_official_name() -> None:
    for name, messages in golden_messages().items():
        whole = "\n".join(messages)
        assert "12348</b> 公共法律服务热线" in whole, name
        assert "12378" in whole, name
