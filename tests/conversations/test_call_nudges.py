""" "打了吗？" after a plan, as the user meets it, with the clock under the test's control:
the hours, quiet hours, each button and its typed form, stop, a recorded call ending the
nudges, a restart sending nothing twice; /script and the script button on /status."""

import json
from datetime import datetime
from pathlib import Path

import aiosqlite

from tests.support.chat import SHANGHAI, Bot, Chat, Clock, running_bot
from tests.support.flows import agree, deal_in_12, one_debt, planned, situation
from tests.support.reminders import at, sweep

NUDGE_BUTTONS = ["打了，记录结果", "今天打", "过两天提醒我", "不想打了"]


async def nudges_waiting(bot: Bot) -> list[datetime]:
    conn = await bot.services.database.connection()
    async with conn.execute(
        "SELECT due_at FROM reminders WHERE kind = 'call_nudge' AND status = 'pending'"
        " ORDER BY due_at"
    ) as cursor:
        rows: list[aiosqlite.Row] = list(await cursor.fetchall())
    return [datetime.fromisoformat(r[0]).astimezone(SHANGHAI) for r in rows]


def nudges_seen(chat: Chat) -> int:
    return sum(1 for m in chat.seen if m.via == "sendMessage" and "电话打了吗" in m.text)


async def test_the_day_after_the_plan_at_noon_then_day_3_and_day_7(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await planned(alice)  # 2026-11-24 10:00
    assert await nudges_waiting(bot) == [
        at("2026-11-25", 12),
        at("2026-11-27", 12),
        at("2026-12-01", 12),
    ]
    assert (await sweep(bot, clock, at("2026-11-25", 11, 59))).sent == 0
    assert (await sweep(bot, clock, at("2026-11-25", 12))).sent == 1
    assert "电话打了吗" in alice.last_text and "免费" in alice.last_text
    assert "通话稿已经准备好了" in alice.last_text
    assert alice.buttons() == NUDGE_BUTTONS
    assert (await sweep(bot, clock, at("2026-11-25", 12, 30))).sent == 0  # never twice
    assert (await sweep(bot, clock, at("2026-11-27", 12))).sent == 1
    assert (await sweep(bot, clock, at("2026-12-01", 12))).sent == 1
    assert nudges_seen(alice) == 3
    assert (await sweep(bot, clock, at("2026-12-08", 12))).sent == 0  # then it stops


async def test_nothing_in_quiet_hours_and_after_downtime_only_one_nudge(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await planned(alice)
    # the bot was down from before noon on day 1 until late on day 7
    assert (await sweep(bot, clock, at("2026-12-01", 22, 30))).sent == 0
    assert (await sweep(bot, clock, at("2026-12-02", 7, 59))).sent == 0
    report = await sweep(bot, clock, at("2026-12-02", 8))
    assert report.sent == 1 and report.cancelled == 2
    assert (await sweep(bot, clock, at("2026-12-02", 8, 1))).sent == 0
    assert nudges_seen(alice) == 1


async def test_called_starts_recording_the_call_and_the_nudges_stop(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await planned(alice)
    await sweep(bot, clock, at("2026-11-25", 12))
    await alice.tap("打了，记录结果")
    assert alice.buttons() == ["✅ 谈好了", "❌ 没谈成"]
    await alice.tap("没谈成")
    await alice.tap("跳过")  # 工号
    await alice.tap("跳过")  # note
    assert await nudges_waiting(bot) == []
    assert (await sweep(bot, clock, at("2026-11-27", 12))).sent == 0
    assert (await sweep(bot, clock, at("2026-12-01", 12))).sent == 0
    assert nudges_seen(alice) == 1


async def test_a_deal_recorded_with_deal_ends_the_nudges(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await planned(alice)
    await sweep(bot, clock, at("2026-11-25", 12))
    await deal_in_12(alice)
    assert await nudges_waiting(bot) == []
    before = len(alice.seen)
    await sweep(bot, clock, at("2026-11-27", 12))
    assert not any("电话打了吗" in m.text for m in alice.seen[before:])


async def test_a_nudge_left_waiting_after_a_recorded_call_is_not_sent(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await planned(alice)
    await deal_in_12(alice)
    # whatever left one waiting (an old row, a race): the engine checks before sending
    conn = await bot.services.database.connection()
    await conn.execute("UPDATE reminders SET status = 'pending' WHERE kind = 'call_nudge'")
    await conn.commit()
    report = await sweep(bot, clock, at("2026-11-25", 12))
    assert report.sent == 0 and report.cancelled == 1
    assert nudges_seen(alice) == 0


async def test_today_answers_with_the_script_and_asks_again_this_evening(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await planned(alice)
    await sweep(bot, clock, at("2026-11-25", 12))
    [reply] = await alice.tap("今天打")
    assert "今天 19:00" in reply.text and reply.buttons == [[("📞 看通话稿", "case:script")]]
    # the nudge keeps its words and shows the choice
    assert any(t.endswith("今天打 ✓") and "电话打了吗" in t for t in alice.echoes())
    script = await alice.tap("看通话稿")
    assert "95188" in script[0].text
    assert (await sweep(bot, clock, at("2026-11-25", 18, 59))).sent == 0
    assert (await sweep(bot, clock, at("2026-11-25", 19))).sent == 1
    assert "电话打了吗" in alice.last_text
    # the series goes on: day 3 and day 7
    assert await nudges_waiting(bot) == [at("2026-11-27", 12), at("2026-12-01", 12)]


async def test_later_leaves_one_nudge_in_two_days_and_says_when(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await planned(alice)
    await sweep(bot, clock, at("2026-11-25", 12))
    [reply] = await alice.tap("过两天提醒我")
    assert "11月27日 12:00" in reply.text and "/script" in reply.text
    assert await nudges_waiting(bot) == [at("2026-11-27", 12)]
    assert (await sweep(bot, clock, at("2026-11-27", 12))).sent == 1
    assert (await sweep(bot, clock, at("2026-12-01", 12))).sent == 0


async def test_stop_is_kind_says_how_to_come_back_and_nothing_more_comes(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await planned(alice)
    await sweep(bot, clock, at("2026-11-25", 12))
    [reply] = await alice.tap("不想打了")
    assert "不再提醒你" in reply.text and "/script" in reply.text and "打字版" in reply.text
    assert "由你决定" in reply.text
    assert await nudges_waiting(bot) == []
    for day in ("2026-11-27", "2026-12-01", "2026-12-08"):
        assert (await sweep(bot, clock, at(day, 12))).sent == 0
    # /script still works after stopping
    [first, *_] = await alice.send("/script")
    assert "95188" in first.text


async def test_typed_words_do_what_the_buttons_do(bot: Bot, clock: Clock, alice: Chat) -> None:
    await planned(alice)
    await sweep(bot, clock, at("2026-11-25", 12))
    [reply] = await alice.send("今天打吧！")
    assert "今天 19:00" in reply.text and "看通话稿" in reply.buttons[0][0][0]
    [reply] = await alice.send("过两天")
    assert "11月27日 12:00" in reply.text
    [reply] = await alice.send("打了")
    assert reply.buttons == [[("📝 记录通话结果", "deal:start")]]
    [reply] = await alice.send("不想打了")
    assert "不再提醒你" in reply.text
    assert await nudges_waiting(bot) == []


async def test_an_old_nudge_button_after_the_call_was_recorded(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await planned(alice)
    await sweep(bot, clock, at("2026-11-25", 12))
    nudge = next(m for m in reversed(alice.seen) if "电话打了吗" in m.text)
    await deal_in_12(alice)
    later = next(d for label, d in nudge.flat_buttons if label == "过两天提醒我")
    [reply] = await alice.tap_data(later, nudge.message_id)
    assert "已经记下了" in reply.text
    assert await nudges_waiting(bot) == []


async def test_muted_reminders_mean_no_nudge(bot: Bot, clock: Clock, alice: Chat) -> None:
    await planned(alice)
    await alice.send("/settings")
    await alice.tap("暂停全部提醒")
    assert (await sweep(bot, clock, at("2026-11-25", 12))).sent == 0
    assert nudges_seen(alice) == 0


async def test_a_restart_sends_each_nudge_once(database: Path, clock: Clock) -> None:
    async with running_bot(database, clock) as bot:
        await planned(bot.chat(101))
    async with running_bot(database, clock, crash=True) as bot:
        assert (await sweep(bot, clock, at("2026-11-25", 12))).sent == 1
    async with running_bot(database, clock) as bot:
        # the crash came after the send was marked: nothing again, the next one on day 3
        assert (await sweep(bot, clock, at("2026-11-25", 12, 1))).sent == 0
        assert (await sweep(bot, clock, at("2026-11-27", 12))).sent == 1
        assert len(await nudges_waiting(bot)) == 1


async def test_script_command_one_lender_several_lenders_and_before_a_plan(
    bot: Bot, alice: Chat, bob: Chat
) -> None:
    [reply] = await alice.send("/script")
    assert "还没有方案" in reply.text and "/start" in reply.text
    await planned(alice)
    sent = await alice.send("/script")
    assert "95188" in sent[0].text and "你的方案" not in sent[0].text
    assert alice.buttons()[:3] == ["📞 开始打电话", "🎭 先练一练", "💬 不想打电话：打字版"]

    await agree(bob)
    await one_debt(bob, "花呗", "12000", "30天", None)
    await bob.tap("还有一笔")
    await one_debt(bob, "网商贷", "8000", "20天", None)
    await bob.tap("没有了")
    await situation(bob, "失业", "约3个月", "6000", "4000", None)
    await bob.tap("确认")
    [reply] = await bob.send("/script")
    assert "哪一家" in reply.text
    assert bob.buttons() == ["📞 花呗的通话稿", "📞 网商贷的通话稿"]
    script = await bob.tap("网商贷")
    assert "网商" in script[0].text


async def test_status_has_the_script_button_before_and_with_a_deal(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await alice.send("/status")
    assert "📞 通话稿" in alice.buttons()
    await deal_in_12(alice)
    await alice.send("/status")
    assert "已还 0/12 期" in alice.last_text or "12 期" in alice.last_text
    assert alice.buttons()[-1] == "📞 通话稿"
    script = await alice.tap("通话稿")
    assert "95188" in script[0].text


async def test_help_and_the_command_menu_name_script(bot: Bot, alice: Chat) -> None:
    await alice.send("/help")
    assert "/script" in alice.last_text and "不想打了" in alice.last_text
    [menu] = [params for method, params in bot.api.calls if method == "setMyCommands"]
    commands = menu["commands"]
    if isinstance(commands, str):  # sent as JSON text
        commands = json.loads(commands)
    assert any(c["command"] == "script" for c in commands)


async def test_a_plan_to_pay_in_the_app_asks_about_no_call(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    """500 元 owed and 3,000 left a month: the plan says pay it now, so no "打了吗？"."""
    await agree(alice)
    await one_debt(alice, "花呗", "500", "上个月10号", None)
    await alice.tap("没有了")
    await situation(alice, "收入减少", "约3个月", "8000", "5000", None)
    await alice.tap("确认")
    assert any("尽快在官方渠道还清" in m.text for m in alice.seen[-3:])  # the plan: pay now
    assert await nudges_waiting(bot) == []
    assert (await sweep(bot, clock, at("2026-11-25", 12))).sent == 0
