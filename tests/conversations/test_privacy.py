"""Secrets are never stored; /privacy says what is kept and for how long."""

import logging
import re
from datetime import timedelta
from pathlib import Path

import pytest

from bot.backup.rotation import DEFAULT_KEEP
from bot.jobs.retention import purge
from bot.texts.zh import privacy as privacy_texts
from tests.support.chat import Bot, Chat, Clock
from tests.support.flows import agree, deal_in_12, planned

ROOT = Path(__file__).resolve().parents[2]


async def test_a_card_number_is_deleted_not_stored_and_the_question_stays(
    bot: Bot, alice: Chat
) -> None:
    await agree(alice)
    await alice.tap("花呗")
    await alice.send("卡号 6222021234567890123")
    assert "银行卡号" in alice.last_text and "删掉了" in alice.last_text
    assert any(method == "deleteMessage" for method, _ in bot.api.calls)
    conn = await bot.services.database.connection()
    async with conn.execute("SELECT amount_fen FROM debts") as cursor:
        assert [row[0] for row in await cursor.fetchall()] == [None]
    await alice.send("23500")
    assert "花呗逾期多久了" in alice.last_text


async def test_an_id_number_in_the_hardship_note_is_never_stored(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await alice.tap("花呗")
    await alice.send("1000")
    await alice.send("10天")
    await alice.tap("跳过")
    await alice.tap("跳过")
    await alice.tap("没有了")
    await alice.send("我失业了，身份证 11010519491231002X")
    assert "身份证号" in alice.last_text
    conn = await bot.services.database.connection()
    async with conn.execute("SELECT hardship_note FROM cases") as cursor:
        assert [row[0] for row in await cursor.fetchall()] == [None]
    await alice.send("我失业了")
    assert "持续比较久" in alice.last_text


async def test_codes_and_passwords_are_refused_anywhere(alice: Chat) -> None:
    await alice.send("验证码是 482913")
    assert "验证码千万不要发给任何人" in alice.last_text
    await alice.send("我的支付宝密码是 abc12345")
    assert "密码千万不要发给任何人" in alice.last_text


async def test_privacy_says_what_why_and_how_long(alice: Chat) -> None:
    await alice.send("/privacy")
    text = alice.last_text
    assert "保存" in text and "180 天" in text and "/delete" in text
    assert "身份证号" in text
    assert len(re.sub(r"<[^>]+>", "", text)) <= 300  # one phone screen


def test_privacy_promises_about_backups_what_the_shipped_backups_do() -> None:
    """Daily backups (the timer, the compose loop), the newest DEFAULT_KEEP kept: a deleted
    person's data leaves the last backup after that many days."""
    assert f"备份约 {DEFAULT_KEEP} 天后删掉" in privacy_texts.PRIVACY
    timer = (ROOT / "deploy" / "huankuan-bot-backup.timer").read_text(encoding="utf-8")
    assert "OnCalendar=*-*-* 03:00:00" in timer  # once a day
    for shipped in ("deploy/huankuan-bot-backup.service", "deploy/compose.yaml"):
        assert f"--keep {DEFAULT_KEEP}" in (ROOT / shipped).read_text(encoding="utf-8")


async def count(bot: Bot, sql: str, *args: object) -> int:
    conn = await bot.services.database.connection()
    async with conn.execute(sql, args) as cursor:
        return (await cursor.fetchone())[0]


async def test_retention_removes_old_closed_cases_and_inactive_users_only(
    bot: Bot, clock: Clock, alice: Chat, bob: Chat
) -> None:
    await planned(alice)  # alice: a plan, no deal
    await alice.send("/start")
    await alice.tap("重新开始")  # her first case is closed now
    await planned(bob)
    await deal_in_12(bob)  # bob: an unfinished deal
    start = clock.now

    clock.now = start + timedelta(days=100)
    await alice.send("/status")  # alice is active: her user stays
    assert await purge(bot.application, clock.now) == (0, 0)

    clock.now = start + timedelta(days=181)
    cases, users = await purge(bot.application, clock.now)
    assert (cases, users) == (1, 0)  # alice's closed case goes; alice and bob stay
    assert await count(bot, "SELECT COUNT(*) FROM cases WHERE user_id = ?", alice.user_id) == 1

    clock.now = start + timedelta(days=100 + 181)
    assert await purge(bot.application, clock.now) == (0, 1)  # alice, inactive, goes
    assert await count(bot, "SELECT COUNT(*) FROM users WHERE user_id = ?", alice.user_id) == 0
    assert await count(bot, "SELECT COUNT(*) FROM users WHERE user_id = ?", bob.user_id) == 1
    assert await count(bot, "SELECT COUNT(*) FROM installments") == 12  # bob's deal is kept


async def test_info_logs_carry_no_amounts_answers_or_free_text(
    bot: Bot, alice: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    caplog.set_level(logging.INFO)
    await planned(alice)
    await deal_in_12(alice)
    await alice.send("/deal")
    await alice.tap("没谈成")
    await alice.send("A77")
    await alice.send("客服态度很差")
    await alice.tap("不用了")
    await alice.send("6222021234567890")
    await alice.send("/delete")
    await alice.tap("确定删除")
    logged = "\n".join(record.getMessage() for record in caplog.records)
    assert "deleted their data" in logged  # there are INFO lines, without the user id
    assert str(alice.user_id) not in logged
    for private in ("23500", "23,500", "1,958", "6000", "6,000", "客服态度", "A77", "6222", "失业"):
        assert private not in logged, private


async def test_a_secret_is_kept_out_even_when_the_warning_cannot_be_sent(
    bot: Bot, alice: Chat
) -> None:
    await agree(alice)
    await alice.tap("花呗")
    await alice.send("1000")
    await alice.send("10天")
    await alice.tap("跳过")
    await alice.tap("跳过")
    await alice.tap("没有了")
    bot.api.fail_next("sendMessage", 502, "Bad Gateway")  # the warning fails to go out
    await alice.send("我失业了，卡号 6222021234567890123")
    conn = await bot.services.database.connection()
    async with conn.execute("SELECT hardship_note, hardship_reason FROM cases") as cursor:
        assert [tuple(row) for row in await cursor.fetchall()] == [(None, None)]


async def test_after_a_secret_the_user_is_asked_to_answer_again_only_if_a_question_is_open(
    alice: Chat,
) -> None:
    await planned(alice)
    [warning] = await alice.send("卡号 6222 0212 3456 7894")
    assert "删掉了" in warning.text and "重新回答" not in warning.text
    await alice.send("/start")
    await alice.send("重新开始")
    [warning] = await alice.send("卡号 6222 0212 3456 7894")
    assert "请重新回答上面的问题" in warning.text


async def test_an_edit_in_a_group_gets_no_answer(bot: Bot) -> None:
    group = bot.chat(101, chat_id=-500)
    assert await group.edit("2000") == []
