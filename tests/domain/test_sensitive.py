import pytest

from bot.domain.sensitive import Secret, find_secret, find_secrets, redact_secrets

VALID_ID = "11010519491231002X"  # the standard's published example, with a valid check digit
CARD = "6222021234567894"  # Luhn-valid
CARD_NO_LUHN = "6222021234567890"  # fails the Luhn check: only a card word makes it a card
FULL_WIDTH = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")


def grouped(number: str, separator: str, size: int = 4) -> str:
    return separator.join(number[i : i + size] for i in range(0, len(number), size))


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        # ID numbers: plain, any case of X, full width, in groups, hidden characters
        (VALID_ID, Secret.ID_NUMBER),
        (VALID_ID.lower(), Secret.ID_NUMBER),
        (VALID_ID.translate(FULL_WIDTH), Secret.ID_NUMBER),
        (VALID_ID[:17] + "ｘ", Secret.ID_NUMBER),
        (f"我的身份证 {VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}", Secret.ID_NUMBER),
        (f"{VALID_ID[:6]}.{VALID_ID[6:14]}.{VALID_ID[14:]}", Secret.ID_NUMBER),
        (f"{VALID_ID[:6]}-{VALID_ID[6:14]}-{VALID_ID[14:]}", Secret.ID_NUMBER),
        ("\u200b".join(VALID_ID), Secret.ID_NUMBER),
        (f"身份证\u00a0{VALID_ID[:6]}\u00a0{VALID_ID[6:]}", Secret.ID_NUMBER),
        (f"ID{VALID_ID}", Secret.ID_NUMBER),
        ("身份证号 110105194912310021", Secret.ID_NUMBER),  # wrong check digit, but named
        ("身份证 110105491231002", Secret.ID_NUMBER),  # the old 15-digit number
        ("身份證號碼：110105491231002", Secret.ID_NUMBER),
        # card numbers: 16-19 digits in a row
        ("6222021234567890123", Secret.CARD_NUMBER),
        (CARD_NO_LUHN, Secret.CARD_NUMBER),
        (CARD.translate(FULL_WIDTH), Secret.CARD_NUMBER),
        ("卡号6222021234567890123", Secret.CARD_NUMBER),
        ("\u200b".join(CARD_NO_LUHN), Secret.CARD_NUMBER),
        ("\u202e".join(grouped(CARD_NO_LUHN, " ").split()), Secret.CARD_NUMBER),
        # grouped, passing the Luhn check: any separator
        ("4111 1111 1111 1111", Secret.CARD_NUMBER),
        ("4111-1111-1111-1111", Secret.CARD_NUMBER),
        (grouped(CARD, " "), Secret.CARD_NUMBER),
        (grouped(CARD, "."), Secret.CARD_NUMBER),
        (grouped(CARD, "\u00a0"), Secret.CARD_NUMBER),
        (grouped(CARD, "\u3000"), Secret.CARD_NUMBER),
        (grouped(CARD, "  "), Secret.CARD_NUMBER),
        (grouped(CARD, "\x1b"), Secret.CARD_NUMBER),
        (grouped(CARD, " ").translate(FULL_WIDTH), Secret.CARD_NUMBER),
        (grouped(CARD, " ", 8), Secret.CARD_NUMBER),
        ("6222 0212 3456 7894 123", Secret.CARD_NUMBER),  # 19 digits, 4-4-4-4-3
        # grouped after (or before) a card word: the Luhn check does not matter
        (f"卡号 {grouped(CARD_NO_LUHN, ' ')}", Secret.CARD_NUMBER),
        ("卡号 6222 0212 3456 7894", Secret.CARD_NUMBER),
        ("工资卡 6222 0212 3456 7894 被冻结了", Secret.CARD_NUMBER),
        (f"我的银行卡：{grouped(CARD_NO_LUHN, '-')}", Secret.CARD_NUMBER),
        (f"信用卡 {grouped(CARD_NO_LUHN, ' ', 8)}", Secret.CARD_NUMBER),
        (f"{grouped(CARD_NO_LUHN, ' ')} 是我的卡号", Secret.CARD_NUMBER),
        (f"还款账号 {grouped(CARD_NO_LUHN, ' ')}", Secret.CARD_NUMBER),
        (f"card {grouped(CARD_NO_LUHN, ' ')}", Secret.CARD_NUMBER),
        # codes, in simplified or traditional characters
        ("验证码是 123456", Secret.CODE),
        ("验证码：8848", Secret.CODE),
        ("【支付宝】验证码（请勿泄露给他人）：123456", Secret.CODE),
        ("123456是验证码", Secret.CODE),
        ("驗證碼 123456", Secret.CODE),
        ("校驗碼：482913", Secret.CODE),
        ("動態碼482913", Secret.CODE),
        ("短信码 482 913", Secret.CODE),
        ("验证码 ４８２９１３", Secret.CODE),
        ("验\u200b证码 482913", Secret.CODE),
        ("CVV 123", Secret.CODE),
        ("卡背面安全码是 123", Secret.CODE),
        # passwords, with or without spaces
        ("我的密码是abc12345", Secret.PASSWORD),
        ("支付密码：135790", Secret.PASSWORD),
        ("密码 是 abc123", Secret.PASSWORD),
        ("密码\u00a0是\u00a0abc123", Secret.PASSWORD),
        ("密码：123456", Secret.PASSWORD),
        ("密碼是 abc123", Secret.PASSWORD),
        ("登录密码 135790", Secret.PASSWORD),
        ("口令=zx8848", Secret.PASSWORD),
    ],
)
def test_secrets_are_recognised(text: str, secret: Secret | None) -> None:
    assert find_secret(text) == secret


@pytest.mark.parametrize(
    "text",
    [
        "23500",
        "2.35万",
        "2026-10-15",
        "45天",
        "0.05%",
        "工号 A1234",
        "客服小王，工号A1023",
        "13800138000",
        "13800138000 13900139000",
        "95188",
        "12期",
        "给了对方验证码，2024年10月开始逾期",
        "对方要验证码才放款20000",
        "验证码收不到，1000元还不上",
        "密码是什么意思",
        "支付宝密码为什么被锁了",
        "对方问我要密码是不是骗子",
        "密码忘了",
        "密码错了3次被锁",
        "密码是6位数字吗",
        "2025-10-15 2025-11-15",
        "2025.10.15 2025.11.15",
        "20251015 20251115",
        "23500 12000 8000 5000 3000",
        "2000 2000 2000 2000",
        "1000 2000 3000 4000",
        "1000-2000-3000-4000",
        "1000.2000.3000.4000",
        "2023 2024 2025 2026",
        "12 24 36 48 60 72 84 96",
        "2000.00 3000.00 1500.00",
        "欠了 23,500.00 元，每月还 1,958 元",
        "订单号 2025101512345",
        "信用卡欠 8000，花呗 3000",
        "6222 0212 3456 7890",  # grouped digits must pass the Luhn check, or follow a card word
        "工资卡被冻结了，每月 6000",
        "1" * 40,  # a long run of digits is no card
    ],
)
def test_everyday_answers_are_not_secrets(text: str) -> None:
    assert find_secret(text) is None


def test_a_secret_is_found_where_it_is_in_the_original_text() -> None:
    text = "工资卡 ６２２２\u00a00212\u200b 3456 7894 被冻结了"
    [match] = find_secrets(text)
    assert match.kind is Secret.CARD_NUMBER
    assert text[match.start : match.end] == "６２２２\u00a00212\u200b 3456 7894"


@pytest.mark.parametrize(
    ("text", "redacted"),
    [
        ("工资卡 6222 0212 3456 7894 被冻结了", "工资卡 ＊＊＊ 被冻结了"),
        (f"失业了，身份证{VALID_ID.lower()}，卡号{CARD}", "失业了，身份证＊＊＊，卡号＊＊＊"),
        ("密码 是 abc123，别说出去", "密码 是 ＊＊＊，别说出去"),
        ("驗證碼 482913 已经给了", "驗證碼 ＊＊＊ 已经给了"),
        ("老板跑路了，欠 2000 3000 4000 5000", "老板跑路了，欠 2000 3000 4000 5000"),
    ],
)
def test_redaction_cuts_out_only_the_secret(text: str, redacted: str) -> None:
    assert redact_secrets(text) == redacted


def test_long_hostile_messages_are_read_in_full() -> None:
    # Telegram's longest message, made of what the number search looks at most
    assert find_secret(" ".join("1" * 2048)) is None
    assert find_secret("1 2 " * 1023 + grouped(CARD, " ")) is Secret.CARD_NUMBER
    assert find_secret(("卡" * 2048 + "1234 " * 400)[:4096]) is Secret.CARD_NUMBER
