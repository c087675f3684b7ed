"""The .ics file as a phone calendar takes it (issue 14, point 10), through the real
Application: recording the same deal again changes nothing in the calendar, a re-plan takes
the replaced installments away and adds the new ones, the installments paid stay, and no
UID says whose it is or which database row it came from."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime

import aiosqlite
from icalendar import Calendar

from tests.support.chat import Bot, Chat
from tests.support.flows import deal_in_12, planned

ORGANIZER = "mailto:noreply@huabei-helper-bot.invalid"


@dataclass(frozen=True)
class Shown:
    """One event as the calendar shows it."""

    due: date
    summary: str
    sequence: int
    stamp: datetime
    alarms: int


class PhoneCalendar:
    """What a calendar does with an imported file (RFC 5546 §2.1.4): an event it has is
    replaced by a newer version of it (a higher SEQUENCE, or the same one with a later
    DTSTAMP) and taken away when that version is cancelled; a new UID adds an event; an
    older version, or a cancellation of an event it never had, changes nothing."""

    def __init__(self) -> None:
        self.events: dict[str, Shown] = {}

    def import_file(self, data: bytes) -> None:
        for event in Calendar.from_ical(data).walk("VEVENT"):
            uid = str(event["UID"])
            sequence = int(event.decoded("SEQUENCE"))
            stamp = event.decoded("DTSTAMP")
            had = self.events.get(uid)
            if had is not None and (sequence, stamp) <= (had.sequence, had.stamp):
                continue
            if str(event["STATUS"]) == "CANCELLED":
                self.events.pop(uid, None)
                continue
            self.events[uid] = Shown(
                event.decoded("DTSTART"),
                str(event["SUMMARY"]),
                sequence,
                stamp,
                len(event.walk("VALARM")),
            )

    def days(self) -> list[tuple[date, str]]:
        return sorted((e.due, e.summary) for e in self.events.values())


def events(data: bytes) -> dict[str, tuple[int, str]]:
    """UID → (SEQUENCE, STATUS) of every event in the file."""
    return {
        str(e["UID"]): (int(e.decoded("SEQUENCE")), str(e["STATUS"]))
        for e in Calendar.from_ical(data).walk("VEVENT")
    }


def without_stamps(data: bytes) -> bytes:
    return re.sub(rb"DTSTAMP:[0-9TZ]+\r\n", b"", data)


async def export(chat: Chat) -> bytes:
    await chat.send("/plan")
    await chat.tap("导入手机日历")
    assert chat.last.document == "还款提醒.ics"
    return chat.last.document_bytes


async def rows(bot: Bot, sql: str) -> list[aiosqlite.Row]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql) as cursor:
        return list(await cursor.fetchall())


async def replan_in_13(chat: Chat) -> None:
    """Records 13 installments, 21,000 in total, from 12月17日, then every 17th."""
    await chat.send("/deal")
    await chat.tap("谈好了")
    await chat.tap("分期")
    await chat.send("13期")
    await chat.send("共21000")
    await chat.send("12月17日")
    await chat.tap("每月 17 号")
    await chat.tap("跳过")
    await chat.tap("保存")


async def test_the_same_deal_recorded_again_leaves_the_calendar_as_it_was(
    bot: Bot, alice: Chat
) -> None:
    await planned(alice)
    await deal_in_12(alice)
    first = await export(alice)
    phone = PhoneCalendar()
    phone.import_file(first)
    assert len(phone.days()) == 12

    await deal_in_12(alice)  # recorded again: a new deal with new rows replaces the first
    assert [tuple(r) for r in await rows(bot, "SELECT active FROM deals ORDER BY id")] == [
        (0,),
        (1,),
    ]
    again = await export(alice)
    assert events(again) == events(first)  # the same UIDs, every one still at SEQUENCE 0
    assert set(events(again).values()) == {(0, "CONFIRMED")}
    assert without_stamps(again) == without_stamps(first)
    assert "已取消" not in alice.last_text and "重新导入即可更新" in alice.last_text

    before = phone.days()
    phone.import_file(again)
    assert phone.days() == before  # nothing added twice, nothing taken away


async def test_a_replan_takes_the_replaced_installments_away_and_keeps_the_paid_one(
    bot: Bot, alice: Chat
) -> None:
    await planned(alice)
    await deal_in_12(alice)  # 12 × 1,958.34 from 2026-12-10
    first = await export(alice)
    phone = PhoneCalendar()
    phone.import_file(first)

    await alice.send("/status")
    await alice.tap("花呗第1期已还")  # the first one paid in full
    await replan_in_13(alice)
    second = await export(alice)
    caption = alice.last_text
    assert "旧约定里已换成新约定的 11 期，在文件里标为“已取消”。" in caption
    assert len(caption) <= 300

    old, new = events(first), events(second)
    paid, *replaced = list(old)  # by due date: the first is the one paid
    assert new[paid] == (0, "CONFIRMED")  # paid: stays as it was
    assert all(new[uid] == (1, "CANCELLED") for uid in replaced)
    added = [uid for uid in new if uid not in old]
    assert len(added) == 13 and all(new[uid] == (0, "CONFIRMED") for uid in added)

    phone.import_file(second)
    shown = phone.days()
    assert shown[0] == (date(2026, 12, 10), "花呗 第1/12期 还款 1,958.34 元")
    assert [d.day for d, _ in shown[1:]] == [17] * 13
    assert [s.split(" 还款")[0] for _, s in shown[1:]] == [f"花呗 第{k}/13期" for k in range(1, 14)]
    assert sum(e.alarms for e in phone.events.values()) == 14 * 3

    phone.import_file(second)  # imported twice: nothing changes
    assert phone.days() == shown
    fresh = PhoneCalendar()
    fresh.import_file(second)  # a phone that never had the first file: the same calendar
    assert fresh.days() == shown


async def test_every_event_has_the_bot_as_organizer(alice: Chat) -> None:
    await planned(alice)
    await deal_in_12(alice)
    cal = Calendar.from_ical(await export(alice))
    assert str(cal["METHOD"]) == "PUBLISH"
    for event in cal.walk("VEVENT"):
        assert str(event["ORGANIZER"]) == ORGANIZER
        assert event["ORGANIZER"].params["CN"] == "还款协商助手"


async def test_two_people_with_the_same_deal_share_no_uid_and_no_id_shows(bot: Bot) -> None:
    alice, bob = bot.chat(5_123_456_789), bot.chat(6_987_654_321)
    files = []
    for chat in (alice, bob):
        await planned(chat)
        await deal_in_12(chat)
        files.append(await export(chat))
    uids = [set(events(f)) for f in files]
    assert len(uids[0]) == len(uids[1]) == 12 and not uids[0] & uids[1]

    keys = [r[0] for r in await rows(bot, "SELECT calendar_key FROM users ORDER BY user_id")]
    assert len(set(keys)) == 2 and all(re.fullmatch("[0-9a-f]{32}", k) for k in keys)
    for data, user_id in zip(files, (5_123_456_789, 6_987_654_321), strict=True):
        text = data.decode()
        assert all(re.fullmatch("[0-9a-f]{32}@huabei-helper-bot", u) for u in events(data))
        assert str(user_id) not in text and "deal" not in text.lower()
        assert not any(k in text for k in keys)  # the key a UID is made from stays stored
