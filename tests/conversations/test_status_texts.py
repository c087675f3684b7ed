"""Status texts that say what is true (issue 9, point 6): reminders, the calendar file,
snoozing late in the evening, and what /delete erases."""

from datetime import datetime

import pytest

from tests.support.chat import Bot, Chat, Clock
from tests.support.flows import deal_in_12, planned
from tests.support.reminders import at
from tests.support.reminders import sweep as sweep_at


async def sweep(bot: Bot, clock: Clock, when: datetime) -> int:
    return (await sweep_at(bot, clock, when)).sent


@pytest.fixture
async def with_deal(alice: Chat) -> Chat:
    await planned(alice)
    await deal_in_12(alice)  # first installment on 2026-12-10
    return alice


async def test_settings_say_when_no_reminder_is_on(with_deal: Chat) -> None:
    alice = with_deal
    await alice.send("/settings")
    assert "🔔 提醒已开启" in alice.last_text
    assert "提前提醒：提前 3 天、提前 1 天（晚上8点）" in alice.last_text
    assert "还款日当天（早上9点）" in alice.last_text
    assert "晚上6点" in alice.buttons() and not any("18" in b for b in alice.buttons())
    await alice.tap("提前3天")
    await alice.tap("提前1天")
    await alice.tap("当天提醒")
    text = alice.last_text
    assert "现在没有开启任何提醒" in text and "已开启" not in text
    assert "提前提醒：不提前提醒\n" in text  # no hour for reminders that are off
    await alice.tap("晚上6点")
    await alice.tap("提前1天")
    assert "提前提醒：提前 1 天（晚上6点）" in alice.last_text and "18" not in alice.last_text


async def test_the_calendar_caption_names_the_alarms_the_file_holds(with_deal: Chat) -> None:
    alice = with_deal
    await alice.send("/plan")
    await alice.tap("导入手机日历")
    assert alice.last.document_bytes.decode().count("BEGIN:VALARM") == 36
    assert "带提醒：提前3天和1天的晚上8点，还款日当天早上9点" in alice.last_text

    await alice.send("/settings")
    await alice.tap("提前3天")
    await alice.tap("提前1天")
    await alice.tap("当天提醒")
    await alice.send("/plan")
    await alice.tap("导入手机日历")
    assert "BEGIN:VALARM" not in alice.last.document_bytes.decode()
    assert "带提醒" not in alice.last_text and "没有开启提醒" in alice.last_text

    await alice.send("/settings")
    await alice.tap("当天提醒")
    await alice.send("/plan")
    await alice.tap("导入手机日历")
    assert alice.last.document_bytes.decode().count("BEGIN:VALARM") == 12
    assert "带提醒：还款日当天早上9点。" in alice.last_text


async def test_snoozing_at_eight_in_the_evening_says_when_it_comes(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    assert await sweep(bot, clock, at("2026-12-07", 20, 0)) == 1  # 3 days before
    await alice.tap("稍后提醒")
    assert alice.buttons() == ["今晚 21:30", "明天 09:00"]
    await alice.tap("今晚")
    assert alice.last_text == "好，今天 21:30 再提醒你。"
    assert await sweep(bot, clock, at("2026-12-07", 21, 30)) == 1
    assert "还款提醒" in alice.last_text


async def test_too_late_for_tonight_is_said_never_moved_to_the_morning(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await sweep(bot, clock, at("2026-12-09", 20, 0))  # 1 day before
    old_ask = None
    clock.now = at("2026-12-09", 21, 0)
    await alice.tap("稍后提醒")
    old_ask = alice.last.message_id
    tonight = next(d for label, d in alice.last.flat_buttons if "今晚" in label)
    clock.now = at("2026-12-09", 21, 40)  # the old "今晚" tapped too late
    await alice.tap_data(tonight, old_ask)
    assert "今晚太晚了" in alice.last_text and "21:30" not in alice.last_text
    assert alice.buttons() == ["明天 09:00"]
    # nothing was queued for the next morning behind the user's back
    conn = await bot.services.database.connection()
    async with conn.execute("SELECT COUNT(*) FROM reminders WHERE kind = 'snooze'") as cursor:
        assert (await cursor.fetchone())[0] == 0

    # on the due day, late: neither tonight nor tomorrow is possible, and it says so
    await sweep(bot, clock, at("2026-12-10", 9, 0))
    clock.now = at("2026-12-10", 21, 10)
    await alice.tap("稍后提醒")
    assert "今晚太晚了" in alice.last_text and "已还" in alice.last_text
    assert alice.last.buttons == []


async def test_delete_warns_about_everything_it_erases(alice: Chat) -> None:
    await planned(alice)
    await alice.send("/delete")
    text = alice.last_text
    for thing in ("欠款", "收支", "还款约定", "提醒", "通话", "催收记录"):
        assert thing in text
