import pytest

from bot.domain.sensitive import Secret, find_secret

VALID_ID = "11010519491231002X"  # the standard's published example, with a valid check digit


@pytest.mark.parametrize(
    ("text", "secret"),
    [
        (VALID_ID, Secret.ID_NUMBER),
        (VALID_ID.lower(), Secret.ID_NUMBER),
        (f"我的身份证 {VALID_ID[:6]} {VALID_ID[6:14]} {VALID_ID[14:]}", Secret.ID_NUMBER),
        ("6222021234567890123", Secret.CARD_NUMBER),
        ("4111 1111 1111 1111", Secret.CARD_NUMBER),
        ("4111-1111-1111-1111", Secret.CARD_NUMBER),
        ("验证码是 123456", Secret.CODE),
        ("验证码：8848", Secret.CODE),
        ("【支付宝】验证码（请勿泄露给他人）：123456", Secret.CODE),
        ("123456是验证码", Secret.CODE),
        ("我的密码是abc12345", Secret.PASSWORD),
        ("支付密码：135790", Secret.PASSWORD),
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
        "13800138000",
        "12期",
        "给了对方验证码，2024年10月开始逾期",
        "对方要验证码才放款20000",
        "密码是什么意思",
        "支付宝密码为什么被锁了",
        "对方问我要密码是不是骗子",
        "2025-10-15 2025-11-15",
        "23500 12000 8000 5000 3000",
        "2000 2000 2000 2000",
        "12 24 36 48 60 72 84 96",
        "6222 0212 3456 7890",  # grouped digits must pass the card check (Luhn) to count
    ],
)
def test_everyday_answers_are_not_secrets(text: str) -> None:
    assert find_secret(text) is None
