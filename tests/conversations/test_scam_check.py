"""/scam through the real Application: the command (or the button under the "agencies"
worry) asks for the message, the pasted or forwarded text is answered with the hooks it
shows and what to do, or with why no hook seen does not make it reliable. Nothing of the
text is stored or logged; a secret in it is deleted first; /cancel, another command or a
button ends the wait; an open intake question stays open around a check."""

from __future__ import annotations

import logging
import re
from typing import Any

import pytest

from bot.offline import SentMessage
from bot.offline_updates import message_update
from bot.texts.zh.common import COMMANDS
from tests.support.chat import Bot, Chat
from tests.support.flows import planned

ASKED = "把对方发的话粘贴或转发给我"
FOUND = "这条消息里有这些常见的骗局特征"
NONE = "没看到常见的骗局特征，但这不代表它就可靠"
LIMIT = 300
_TAG = re.compile(r"<[^>]+>")


def shown(message: SentMessage) -> str:
    return _TAG.sub("", message.text)


async def rows(bot: Bot, sql: str) -> list[tuple[object, ...]]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql) as cursor:
        return [tuple(row) for row in await cursor.fetchall()]


async def everything_stored(bot: Bot) -> dict[str, list[tuple[object, ...]]]:
    tables = [
        str(name)
        for (name,) in await rows(bot, "SELECT name FROM sqlite_master WHERE type = 'table'")
    ]
    return {table: await rows(bot, f"SELECT * FROM {table}") for table in tables}


async def forward(chat: Chat, text: str | None = None, **content: Any) -> list[SentMessage]:
    """A message forwarded from someone else, with its text (or a photo and its caption)."""
    origin = {"type": "hidden_user", "sender_user_name": "王经理", "date": 1_760_000_000}
    raw = message_update(chat.user_id, text=text, forward_origin=origin, **content)
    return await chat._process(raw)


async def test_the_command_asks_then_names_each_hook_and_what_to_do(alice: Chat) -> None:
    (asked,) = await alice.send("/scam")
    assert ASKED in asked.text and "/cancel" in asked.text and "不保存" in asked.text
    answer = await alice.send("有人说能帮我停息挂账，收费3000")
    text = "\n".join(m.text for m in answer)
    assert text.startswith(f"⚠️ {FOUND}")
    assert "• 停息挂账：" in text and "• 要收费" in text
    assert "协商免费" in text and "95188" in text and "照常接" in text
    assert "验证码不告诉任何人" in text and "12378" in text
    assert "这段话我没保存" in text
    assert all(len(shown(m)) <= LIMIT for m in answer)
    # the check is over: the next text is not checked again
    (after,) = await alice.send("有人说能帮我停息挂账")
    assert FOUND not in after.text


async def test_every_hook_at_once_fits_two_messages_with_the_sources(alice: Chat) -> None:
    await alice.send("/scam")
    answer = await alice.send(
        "代理协商，停息挂账，反催收，征信修复，别接平台电话，先别还款，把验证码发给我，"
        "转到私人账户，各大行已开通延迟还款通道，内部渠道100%成功，先交定金"
    )
    assert len(answer) == 2 and all(len(shown(m)) <= LIMIT for m in answer)
    text = "\n".join(m.text for m in answer)
    assert text.count("\n• ") >= 11 + 3
    assert "国家金融监督管理总局 2024年5月14日" in text
    assert "五部门 2026年2月6日" in text
    assert "一次性信用修复免费自动办，已经结束" in text
    assert "法律规定" not in text


async def test_a_clean_message_is_never_called_safe(alice: Chat) -> None:
    await alice.send("/scam")
    (answer,) = await alice.send("【支付宝】您的花呗已逾期，请及时还款")
    assert answer.text.startswith(NONE)
    assert "协商是免费的" in answer.text and "95188" in answer.text
    assert "安全" not in answer.text and "这段话我没保存" in answer.text
    assert len(shown(answer)) <= LIMIT


async def test_a_message_asking_for_a_code_is_flagged(alice: Chat) -> None:
    await alice.send("/scam")
    answer = await alice.send("【支付宝】为办理延期，请把收到的验证码告诉客服专员")
    assert FOUND in answer[0].text and "• 要验证码" in answer[0].text


async def test_a_forwarded_message_and_a_forwarded_caption_are_checked(alice: Chat) -> None:
    await alice.send("/scam")
    answer = await forward(alice, "专业反催收，征 信 修 复")
    assert FOUND in answer[0].text
    assert "• 反催收" in answer[0].text and "• 征信修复" in answer[0].text
    # without /scam: a forwarded message outside any question is checked at once
    photo = [{"file_id": "p", "file_unique_id": "p", "width": 90, "height": 90}]
    answer = await forward(alice, photo=photo, caption="各大行已开通延迟还款通道，速办")
    assert FOUND in answer[0].text and "延迟还款通道" in answer[0].text


async def test_the_button_under_the_agencies_worry_opens_the_check(alice: Chat) -> None:
    await alice.send("/help")
    await alice.tap("有机构说能帮我协商")
    (asked,) = await alice.tap("把对方的话发给我看看")
    assert ASKED in asked.text
    answer = await alice.send("我们是债务优化团队，先交保证金")
    assert FOUND in answer[0].text and "• 代理协商、债务优化" in answer[0].text


async def test_help_and_the_command_menu_name_it(bot: Bot, alice: Chat) -> None:
    (help_,) = await alice.send("/help")
    assert "/scam" in help_.text and len(shown(help_)) <= 300
    assert ("scam", "查一条可疑的消息") in COMMANDS
    menus = [params for method, params in bot.api.calls if method == "setMyCommands"]
    assert "scam" in str(menus[-1]["commands"])


async def test_nothing_of_the_pasted_text_is_stored_or_logged(
    bot: Bot, alice: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    logging.getLogger("bot").setLevel(logging.DEBUG)
    await planned(alice)
    before = await everything_stored(bot)
    await alice.send("/scam")
    mid = await everything_stored(bot)
    await alice.send("小橘猫金融帮你停息挂账，紫色雨伞专员收费3000")
    await alice.send("/scam")
    await forward(alice, "蓝莓蛋糕老师说征信修复包过")
    after = await everything_stored(bot)
    assert before == mid == after  # not even the wait for the text is written down
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for word in ("小橘猫", "紫色雨伞", "蓝莓蛋糕", "停息挂账", "征信修复", "3000"):
        assert word not in repr(after) and word not in logged, word


async def test_a_secret_in_the_pasted_text_is_deleted_and_the_wait_goes_on(
    bot: Bot, alice: Chat
) -> None:
    await alice.send("/scam")
    (warning,) = await alice.send("把身份证 11010519491231002X 发给我，帮你停息挂账")
    assert "身份证号" in warning.text and "不会保存" in warning.text and "删掉了" in warning.text
    assert FOUND not in warning.text
    assert any(method == "deleteMessage" for method, _ in bot.api.calls)
    assert "11010519491231002X" not in repr(await everything_stored(bot))
    # pasted again without the number: checked
    answer = await alice.send("把身份证发给我，帮你停息挂账")
    assert FOUND in answer[0].text and "• 停息挂账" in answer[0].text


async def test_cancel_another_command_or_a_button_ends_the_wait(alice: Chat) -> None:
    await alice.send("/scam")
    (cancelled,) = await alice.send("/cancel")
    assert "不查了" in cancelled.text
    (after,) = await alice.send("停息挂账")
    assert FOUND not in after.text

    await alice.send("/scam")
    await alice.send("/status")
    (after,) = await alice.send("停息挂账")
    assert FOUND not in after.text

    await alice.send("/scam")
    await alice.send("/help")
    await alice.tap("怎么投诉")
    (after,) = await alice.send("停息挂账")
    assert FOUND not in after.text


async def test_a_sticker_gets_one_line_and_the_wait_goes_on(alice: Chat) -> None:
    await alice.send("/scam")
    (line,) = await alice.send_sticker()
    assert "只能看文字" in line.text
    answer = await alice.send("停息挂账")
    assert FOUND in answer[0].text


async def test_an_open_intake_question_stays_open_around_a_check(bot: Bot, alice: Chat) -> None:
    await alice.send("/start")
    await alice.tap("好的，开始")
    (question,) = await alice.tap("花呗")
    assert "金额" in question.text
    await alice.send("/scam")
    answer = await alice.send("反催收，别接平台电话")
    assert FOUND in answer[0].text and "刚才的问题还在" in answer[-1].text
    (next_question,) = await alice.send("2.35万")
    assert "逾期多久" in next_question.text
    assert await rows(bot, "SELECT amount_fen FROM debts") == [(2_350_000,)]


async def test_two_users_wait_apart(alice: Chat, bob: Chat) -> None:
    await alice.send("/scam")
    (bobs,) = await bob.send("停息挂账")
    assert FOUND not in bobs.text
    answer = await alice.send("停息挂账")
    assert FOUND in answer[0].text
