"""No user-facing text promises an outcome or sells a bank rule as a right for 花呗/借呗."""

import importlib
import pkgutil
from pathlib import Path

import bot.texts.zh as zh

FORBIDDEN = ("保证", "一定", "百分百", "肯定能", "必定", "包过", "稳过", "100%成功")
GOLDEN = Path(__file__).parent / "golden"


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in _strings(v)]
    if isinstance(value, tuple | list):
        return [s for v in value for s in _strings(v)]
    return []


def all_texts() -> dict[str, str]:
    texts: dict[str, str] = {}
    for info in pkgutil.iter_modules(zh.__path__):
        module = importlib.import_module(f"bot.texts.zh.{info.name}")
        for name, value in vars(module).items():
            if name.isupper():
                for index, text in enumerate(_strings(value)):
                    texts[f"{info.name}.{name}[{index}]"] = text
    for path in GOLDEN.glob("*.txt"):
        texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def test_the_catalogue_is_found() -> None:
    texts = all_texts()
    assert len(texts) > 150
    assert any(name.startswith("faq.TOPICS") for name in texts)
    assert len([n for n in texts if n.endswith(".txt")]) == 3


def test_no_text_promises_an_outcome() -> None:
    offending = {
        name: word for name, text in all_texts().items() for word in FORBIDDEN if word in text
    }
    assert offending == {}


def test_credit_card_rule_is_only_a_reference_for_bank_cards() -> None:
    for name, text in all_texts().items():
        if "第70条" in text or "个性化分期" in text:
            assert "信用卡" in text and "可作参考" in text, name
            assert "不适用于花呗" in text, name


def test_scam_warnings_are_where_people_decide() -> None:
    texts = all_texts()
    assert "免费" in texts["intake.WELCOME[0]"] and "验证码" in texts["intake.WELCOME[0]"]
    for golden in ("unemployed_temporary_huabei.txt", "illness_lasting_jiebei.txt"):
        assert "不要付钱给任何“代理协商”" in texts[golden]
        assert "验证码不告诉任何人" in texts[golden]
    assert "免费" in texts["common.HELP[0]"]
