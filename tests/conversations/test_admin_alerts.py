"""BOT_ADMIN_CHAT_ID: the operator hears of a bug in one message a spell, with nothing of the
person in it; the person still gets the usual "sorry"."""

from __future__ import annotations

from collections.abc import AsyncIterator
from pathlib import Path

import pytest
from telegram import Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes, MessageHandler, filters

from bot.adapters.admin_alerts import ALERT_JOB
from bot.texts.zh import common as c
from tests.support.chat import Bot, Clock, running_bot

ADMIN = 777


async def broken(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    assert update.message is not None
    raise ValueError(f"could not read {update.message.text!r}")  # quotes what was typed


@pytest.fixture
async def alerting(database: Path, clock: Clock) -> AsyncIterator[Bot]:
    async with running_bot(database, clock, admin_chat_id=ADMIN) as running:
        running.application.add_handler(MessageHandler(filters.Regex("坏"), broken), group=-3)
        yield running


def admin_messages(bot: Bot) -> list[str]:
    return [m.text for m in bot.api.messages_to(ADMIN)]


async def test_a_bug_reaches_the_operator_without_anything_of_the_person(alerting: Bot) -> None:
    alice = alerting.chat(101)
    shown = await alice.send("坏了 我欠23500 张三")
    assert c.ERROR in [m.text for m in shown]  # the person is told, as before
    [alert] = admin_messages(alerting)
    assert alert.startswith("⚠️ bot error: ValueError at tests/conversations/test_admin_alerts.py:")
    assert "while handling: text (private chat)" in alert
    for private in ("23500", "张三", "坏", "101", "could not read"):
        assert private not in alert


async def test_more_bugs_in_the_same_spell_come_as_one_summary(alerting: Bot) -> None:
    alice, bob = alerting.chat(101), alerting.chat(202)
    await alice.send("坏")
    await bob.send("坏")
    await alice.send("坏")
    assert len(admin_messages(alerting)) == 1  # the first only, for now
    job_queue = alerting.application.job_queue
    assert job_queue is not None
    [flush] = job_queue.get_jobs_by_name(ALERT_JOB)
    await flush.run(alerting.application)  # the ten minutes are over
    summary = admin_messages(alerting)[-1]
    assert summary.startswith("⚠️ 2 more bot errors since the last message:")
    assert "2 × ValueError at tests/conversations/test_admin_alerts.py:" in summary
    await alice.send("坏")  # the summary opened the next ten minutes: held again
    assert len(admin_messages(alerting)) == 2
    [flush] = job_queue.get_jobs_by_name(ALERT_JOB)[-1:]
    await flush.run(alerting.application)
    assert admin_messages(alerting)[-1].startswith("⚠️ 1 more bot errors since")
    await flush.run(alerting.application)  # ten quiet minutes: nothing to tell
    assert len(admin_messages(alerting)) == 3
    await alice.send("坏")  # a new spell: told at once
    assert len(admin_messages(alerting)) == 4


async def test_errors_held_back_are_told_when_the_bot_stops(alerting: Bot) -> None:
    alice = alerting.chat(101)
    await alice.send("坏")
    await alice.send("坏")
    assert len(admin_messages(alerting)) == 1
    await alerting.application.post_stop(alerting.application)  # type: ignore[misc]
    assert admin_messages(alerting)[-1].startswith("⚠️ 1 more bot errors since")


async def test_an_error_in_a_job_does_not_say_a_user_was_told(alerting: Bot) -> None:
    try:
        raise RuntimeError("reminder for 23500")
    except RuntimeError as error:  # as PTB hands a job's error over: without an update
        await alerting.application.process_error(update=None, error=error)
    [alert] = admin_messages(alerting)
    assert "in a scheduled job (no user was told)" in alert and "23500" not in alert


async def test_harmless_refusals_and_stale_taps_are_no_alert(alerting: Bot) -> None:
    async def not_modified(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        raise BadRequest("Message is not modified: specified new message content …")

    alerting.application.add_handler(MessageHandler(filters.Regex("旧"), not_modified), group=-3)
    alice = alerting.chat(101)
    await alice.send("旧")
    await alice.tap_data("deal:kind:single", 1)
    assert admin_messages(alerting) == []


async def test_without_an_admin_chat_nothing_is_sent_anywhere_else(bot: Bot) -> None:
    bot.application.add_handler(MessageHandler(filters.Regex("坏"), broken), group=-3)
    alice = bot.chat(101)
    await alice.send("坏")
    assert {m.chat_id for m in bot.api.messages} == {101}


async def test_an_unreachable_admin_chat_changes_nothing_for_the_person(alerting: Bot) -> None:
    alerting.api.fail_next("sendMessage", 400, "Bad Request: chat not found")
    alice = alerting.chat(101)
    shown = await alice.send("坏")
    assert c.ERROR in [m.text for m in shown]
