"""📒 记录一次催收 through the real Application: logging with buttons and with typed words,
bad answers asked again, the rules named with their sources, the day's fourth call, a secret
in the note never stored, the list, a restart in the middle, no collision with the intake,
and /delete erasing the log."""

from __future__ import annotations

import re
from datetime import datetime
from pathlib import Path

from tests.conversations.test_privacy_free_text import stored_anywhere
from tests.support.chat import SHANGHAI, Bot, Chat, Clock, running_bot

GUIDELINE = "中国银行业协会《金融机构个人消费类贷款催收工作指引(试行)》"
LIMIT = 300


async def rows(bot: Bot, sql: str) -> list[tuple[object, ...]]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql) as cursor:
        return [tuple(row) for row in await cursor.fetchall()]


def visible(text: str) -> int:
    return len(re.sub(r"<[^>]+>", "", text))


async def log_answered_call(chat: Chat, when: str = "刚才") -> list[str]:
    """One answered call with nothing else: buttons only; returns the verdict's texts."""
    await chat.send("/collector")
    if when == "刚才":
        await chat.tap("刚才")
    else:
        await chat.tap("写个时间")
        await chat.send(when)
    await chat.tap("电话")
    await chat.tap("接了")
    await chat.tap("跳过")
    await chat.tap("完成")
    return [m.text for m in await chat.tap("跳过")]


async def test_a_night_call_with_threats_logged_with_buttons(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    clock.now = datetime(2026, 11, 24, 23, 10, tzinfo=SHANGHAI)
    (first,) = await alice.send("/collector")
    assert "是什么时候联系你的？" in first.text and "/delete" in first.text
    assert alice.buttons() == ["刚才", "今天早些时候", "写个时间"]
    await alice.tap("刚才")
    assert alice.buttons() == ["电话", "短信", "App消息", "上门", "联系了我的家人或朋友"]
    await alice.tap("电话")
    await alice.tap("没接")
    assert "打了几次" in alice.last_text
    await alice.tap("7次")
    await alice.send("138 0013 8000")
    await alice.tap("威胁恐吓")
    assert "✅ 威胁恐吓" in alice.buttons()
    await alice.tap("冒充法院或公安")
    await alice.tap("夜里打来")
    await alice.tap("夜里打来")  # ticked off again
    assert "夜里打来" in alice.buttons()
    await alice.tap("完成")
    assert "对方做了：威胁恐吓、冒充法院或公安 ✓" in alice.echoes()
    (verdict,) = await alice.tap("跳过")
    text = verdict.text
    assert text.startswith("📒 已记下：11月24日 23:10 电话（138 0013 8000）")
    assert f"行业规范要求（{GUIDELINE}）" in text
    assert "晚上10点到早上8点不得催收" in text
    assert "同一号码一天最多打6次（当天已记 7 次）" in text
    assert "不得威胁恐吓" in text and "不得冒充法院、公安" in text
    assert "12378" in text and "12368" in text and "App内投诉" in text
    assert "法律规定" not in text
    assert visible(text) <= LIMIT
    assert await rows(
        bot, "SELECT channel, who, behaviours, attempts, answered FROM collection_log"
    ) == [("call", "138 0013 8000", "threat,impersonation", 7, 0)]
    assert await rows(bot, "SELECT * FROM collection_drafts") == []


async def test_typed_answers_mean_the_buttons_and_bad_ones_are_asked_again(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    clock.now = datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI)
    await alice.send("/collector")
    await alice.send("昨天")
    assert alice.last_text.startswith("还差几点。") and "是什么时候联系你的？" in alice.last_text
    await alice.send("明天10点")
    assert alice.last_text.startswith("这个时间还没到。")
    await alice.send("昨晚11点")
    assert alice.last_text == "怎么联系你的？"
    await alice.send("飞鸽传书")
    assert alice.last_text.startswith("点一个按钮") and "怎么联系你的？" in alice.last_text
    await alice.send("家人")
    assert "知道号码或对方名字吗" in alice.last_text  # no call question for a relative
    await alice.send("不知道")
    await alice.send("随便什么")
    assert alice.last_text.startswith("点按钮选")
    await alice.send("辱骂、说要起诉")
    assert "已选：说要起诉或报警、辱骂" in alice.last_text
    # said in one's own words, not the button's: "我的家人", "半夜…骂人" tick both
    await alice.send("联系了我的家人朋友")
    assert "已选：说要起诉或报警、联系了家人朋友、辱骂" in alice.last_text
    await alice.send("半夜打来骂人")
    assert "已选：说要起诉或报警、联系了家人朋友、夜里打来、辱骂" in alice.last_text
    await alice.send("完成")
    assert "还想补充一句吗" in alice.last_text
    messages = [m.text for m in await alice.send("他说要打电话给我妈")]
    text = "\n".join(messages)
    assert "11月23日 23:00 联系了我的家人或朋友" in text
    assert "原则上不联系与欠款无关的人" in text and "国家标准" in text
    assert "欠款一般属于民事纠纷" in text and "12368" in text
    assert all(visible(m) <= LIMIT for m in messages)
    assert await rows(bot, "SELECT who, behaviours, note FROM collection_log") == [
        (None, "lawsuit,family,night,insult", "他说要打电话给我妈")
    ]


async def test_earlier_today_asks_the_hour_and_the_count_is_typed(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    clock.now = datetime(2026, 11, 24, 15, 0, tzinfo=SHANGHAI)
    await alice.send("/collector")
    await alice.tap("今天早些时候")
    assert "今天几点左右" in alice.last_text
    await alice.send("上午9点半")
    await alice.send("电话")
    await alice.send("没接")
    await alice.send("好多")
    assert alice.last_text.startswith("写一个 1 到 99 的次数")
    await alice.send("打了八次")
    await alice.send("13800138000")
    await alice.send("完成")
    (verdict,) = await alice.send("跳过")
    assert "11月24日 09:30 电话（13800138000）" in verdict.text
    assert "当天已记 8 次" in verdict.text
    assert "晚上10点" not in verdict.text


async def test_a_daytime_call_breaks_nothing_and_the_fourth_of_a_day_does(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    clock.now = datetime(2026, 11, 24, 9, 0, tzinfo=SHANGHAI)
    (first,) = await log_answered_call(alice)
    assert "没看到明显违反催收规范的地方" in first and "可能违反" not in first
    for hour in (11, 14):
        clock.now = clock.now.replace(hour=hour)
        assert "没看到明显违反" in (await log_answered_call(alice))[0]
    clock.now = clock.now.replace(hour=16)
    (fourth,) = await log_answered_call(alice)
    assert "国家标准要求（贷后催收国家标准）" in fourth
    assert "每天有效通话最多3次（当天已记 4 次接通）" in fourth
    # the next morning counts afresh
    clock.now = datetime(2026, 11, 25, 9, 0, tzinfo=SHANGHAI)
    assert "没看到明显违反" in (await log_answered_call(alice))[0]
    await alice.send("/collector list")
    listing = alice.last_text
    assert "共 5 条" in listing and listing.count("⚠️当天接通超过3次") == 1
    assert "11月24日 16:00 电话：⚠️当天接通超过3次" in listing


async def test_a_secret_typed_in_the_note_or_as_the_number_is_never_stored(
    bot: Bot, alice: Chat
) -> None:
    card = "6222 0212 3456 7890 128"
    await alice.send("/collector")
    await alice.tap("刚才")
    await alice.tap("短信")
    await alice.send(f"卡号 {card}")
    assert "银行卡号" in alice.last_text and "重新回答上面的问题" in alice.last_text
    await alice.send("95188")
    await alice.tap("让我借新贷还")
    await alice.tap("完成")
    await alice.send(f"他让我把验证码 482913 发给他，还有卡 {card}")
    assert "验证码千万不要发给任何人" in alice.last_text
    (verdict,) = await alice.send("他让我去借网贷")
    assert "不得诱导借新贷还旧贷" in verdict.text
    assert await stored_anywhere(bot, card) == []
    assert await stored_anywhere(bot, "482913 482913") == []
    assert await rows(bot, "SELECT who, note FROM collection_log") == [("95188", "他让我去借网贷")]


async def test_the_button_under_the_family_worry_starts_it_for_a_new_user(alice: Chat) -> None:
    await alice.send("/help")
    await alice.tap("会找我家人朋友吗")
    await alice.tap("记录一次催收")
    assert "是什么时候联系你的？" in alice.last_text


async def test_a_restart_in_the_middle_resumes_at_the_question(database: Path) -> None:
    clock = Clock(datetime(2026, 11, 24, 10, 0, tzinfo=SHANGHAI))
    async with running_bot(database, clock, crash=True) as bot:
        alice = bot.chat(101)
        await alice.send("/collector")
        await alice.tap("刚才")
        await alice.tap("上门")
        await alice.send("两个男的")
    async with running_bot(database, clock) as bot:
        alice = bot.chat(101)
        assert bot.chats[101].seen == []  # a fresh offline API: nothing shown yet
        await alice.send("威胁恐吓")
        await alice.send("完成")
        (verdict,) = await alice.send("跳过")
        assert "11月24日 10:00 上门（两个男的）" in verdict.text
        assert "不得威胁恐吓" in verdict.text


async def test_it_waits_while_the_intake_is_open_and_cancel_logs_nothing(
    bot: Bot, alice: Chat
) -> None:
    await alice.send("/start")
    await alice.send("/collector")
    assert "你还有一个问题没答完" in alice.last_text
    await alice.send("/cancel")
    await alice.send("/collector")
    assert "是什么时候联系你的？" in alice.last_text
    await alice.tap("刚才")
    await alice.send("/cancel")
    assert "这次没有记录" in alice.last_text
    assert await rows(bot, "SELECT * FROM collection_log") == []


async def test_an_intake_opened_midway_ends_the_logging(bot: Bot, alice: Chat) -> None:
    await alice.send("/collector")
    await alice.tap("刚才")
    await alice.send("/start")
    assert await rows(bot, "SELECT name FROM conversations WHERE name = 'collector'") == []
    assert await rows(bot, "SELECT * FROM collection_drafts") == []


async def test_delete_erases_the_log(bot: Bot, alice: Chat, bob: Chat) -> None:
    await log_answered_call(alice)
    await log_answered_call(bob)
    await alice.send("/delete")
    await alice.tap("确定删除")
    assert await rows(bot, "SELECT user_id FROM collection_log") == [(bob.user_id,)]
    await alice.send("/collector list")
    assert "还没有催收记录" in alice.last_text


async def test_a_reminder_button_tapped_mid_log_ends_it_and_the_amount_goes_to_the_payment(
    tmp_path: Path,
) -> None:
    """The log waiting for a number must not take "1500" typed after "金额不一样"."""
    from tests.support.flows import deal_in_12, planned
    from tests.support.reminders import at, sweep

    clock = Clock()
    async with running_bot(tmp_path / "bot.sqlite3", clock) as bot:
        alice = bot.chat(101)
        await planned(alice)
        await deal_in_12(alice)
        await sweep(bot, clock, at("2026-12-07", 20))
        reminder = alice.last.message_id
        await alice.send("/collector")
        await alice.tap("刚才")
        await alice.tap("短信")  # now asking for the number
        paid = dict(b for row in alice._rows()[reminder] for b in row)["✅ 已还"]
        await alice.tap_data(paid, reminder)
        await alice.tap("金额不一样")
        await alice.send("1500")
        assert await rows(bot, "SELECT paid_fen FROM installments WHERE number = 1") == [(150_000,)]
        assert await rows(bot, "SELECT COUNT(*) FROM collection_drafts") == [(0,)]
        assert await rows(bot, "SELECT COUNT(*) FROM collection_log") == [(0,)]
