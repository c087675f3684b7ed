"""The scam checker without Telegram: each hook of domain.md's scam list, the spellings used
to slip past filters, and the ordinary messages of lenders that must not be flagged."""

from __future__ import annotations

import pytest

from bot.domain.scams import Hook, find_hooks

H = Hook

EACH_HOOK = [
    ("有人说能帮我停息挂账，收费3000", {H.STOP_INTEREST, H.FEE}),
    ("专业代理协商，逾期不用怕", {H.AGENCY}),
    ("代理维权，退息退费", {H.AGENCY}),
    ("债务优化，轻松上岸", {H.AGENCY}),
    ("信用卡债务重组，一对一服务", {H.AGENCY}),
    ("可以帮你办理停息分期", {H.STOP_INTEREST}),
    ("反催收联盟，教你对付催收", {H.ANTI_COLLECTION}),
    ("征信修复，2000元一家", {H.CREDIT_REPAIR, H.FEE}),
    ("征信洗白，快速上征信白户", {H.CREDIT_REPAIR}),
    ("专业铲单", {H.CREDIT_REPAIR}),
    ("可以删除逾期记录", {H.CREDIT_REPAIR}),
    ("这段时间别接平台电话", {H.DONT_ANSWER}),
    ("不要接催收电话，交给我们处理", {H.DONT_ANSWER}),
    ("你先别还款了，等我们谈", {H.STOP_PAYING}),
    ("把收到的验证码发给我", {H.SECRETS}),
    ("告诉我你的支付宝密码", {H.SECRETS}),
    ("请提供身份证正反面照片", {H.SECRETS}),
    ("把银行卡号发一下", {H.SECRETS}),
    ("还款请转到私人账户", {H.PRIVATE_ACCOUNT}),
    ("打到这个个人账户就行", {H.PRIVATE_ACCOUNT}),
    ("直接转账给我，我帮你还", {H.PRIVATE_ACCOUNT}),
    ("各大行已开通延迟还款通道", {H.FALSE_POLICY}),
    ("国家政策可以延期还款三年", {H.FALSE_POLICY}),
    ("我们有内部渠道", {H.GUARANTEE}),
    ("包过，100%成功", {H.GUARANTEE}),
    ("先交定金500", {H.FEE}),
    ("需要交保证金", {H.FEE}),
]


@pytest.mark.parametrize(("text", "hooks"), EACH_HOOK, ids=[t for t, _ in EACH_HOOK])
def test_each_hook_of_the_scam_list_is_found(text: str, hooks: set[Hook]) -> None:
    assert set(find_hooks(text)) == hooks


EVASIONS = [
    ("停 息 挂 账", H.STOP_INTEREST),
    ("停，息，挂，账", H.STOP_INTEREST),
    ("停💰息🔥挂账", H.STOP_INTEREST),
    ("停\u200b息挂账", H.STOP_INTEREST),
    ("停息掛賬", H.STOP_INTEREST),
    ("征-信修复", H.CREDIT_REPAIR),
    ("Zheng信修复", H.CREDIT_REPAIR),
    ("徵信修復", H.CREDIT_REPAIR),
    ("zx洗白", H.CREDIT_REPAIR),
    ("ＺＨＥＮＧ信洗白", H.CREDIT_REPAIR),
    ("反.催.收", H.ANTI_COLLECTION),
    ("fan cuishou", None),  # half pinyin ("fan") is not guessed
    ("別接平台電話", H.DONT_ANSWER),
    ("各大行已開通延遲還款通道", H.FALSE_POLICY),
    ("把驗證碼發給我", H.SECRETS),
    ("内 部 渠 道", H.GUARANTEE),
    ("代理協商", H.AGENCY),
]


@pytest.mark.parametrize(("text", "hook"), EVASIONS, ids=[t for t, _ in EVASIONS])
def test_spellings_that_slip_past_filters_are_read(text: str, hook: Hook | None) -> None:
    assert find_hooks(text) == (() if hook is None else (hook,))


CLEAN = [
    "【支付宝】您的花呗已逾期，请及时还款",
    "【支付宝】尊敬的客户，您的借呗已逾期3天，为避免影响征信，请尽快登录支付宝App还款，"
    "如有疑问请致电95188。",
    "【支付宝】您本月花呗账单2,350.00元，还款日10月10日，请按时还款。",
    "【蚂蚁消费金融】您已成功还款1,679.00元，感谢您的支持。",
    "【支付宝】验证码已发送至您的手机，请勿将验证码告诉任何人。",
    "工作人员不会向您索要验证码、密码，请勿泄露给他人。",
    "【招商银行】您尾号1234的信用卡本期账单已出，最低还款额500元，客服95555。",
    "您好，这里是支付宝客服，您申请的分期已办理成功，共14期，每月1679元。",
    "明天记得还花呗，还款100元",
    "周末一起去吃面包过期了吗",
    "今天开会讨论一下预算",
]


@pytest.mark.parametrize("text", CLEAN, ids=[t[:16] for t in CLEAN])
def test_ordinary_lender_messages_are_not_flagged(text: str) -> None:
    assert find_hooks(text) == ()


def test_a_message_that_asks_for_a_code_is_flagged_even_in_a_lenders_voice() -> None:
    text = "【支付宝】您的花呗已逾期，为办理延期请把收到的验证码告诉客服专员。"
    assert find_hooks(text) == (H.SECRETS,)


def test_a_warning_clause_does_not_hide_a_request_in_the_next_one() -> None:
    assert find_hooks("别担心，不要告诉别人。把验证码发给我就行") == (H.SECRETS,)


def test_the_hooks_come_in_a_fixed_order_once_each() -> None:
    text = "100%成功！停息挂账，先交定金，征信修复，停息挂账，别接平台电话"
    assert find_hooks(text) == (
        H.FEE,
        H.STOP_INTEREST,
        H.CREDIT_REPAIR,
        H.DONT_ANSWER,
        H.GUARANTEE,
    )


def test_a_fee_counts_only_when_the_text_is_about_debts() -> None:
    assert find_hooks("会员服务费每月15元") == ()
    assert find_hooks("帮你协商分期，服务费按减免金额收") == (H.AGENCY, H.FEE)
