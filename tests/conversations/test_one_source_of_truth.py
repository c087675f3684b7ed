"""Where a conversation stands is what the database holds: a reply that fails after the answer
was stored does not put the person back on the old question, now or after PTB's flush."""

from __future__ import annotations

from pathlib import Path

from bot.adapters.retrying_request import TRIES
from bot.texts.zh import common as c
from tests.support.chat import Bot, Chat, Clock, running_bot
from tests.support.flows import agree
from tests.support.sqlite import sqlite_connection

CHAT_NOT_FOUND = "Bad Request: chat not found"  # any failure of the reply will do


async def to_amount_question(chat: Chat) -> None:
    await agree(chat)
    await chat.tap("花呗")


def intake_states(database: Path) -> list[int]:
    with sqlite_connection(database) as conn:
        rows = conn.execute("SELECT state FROM conversations WHERE name = 'intake'").fetchall()
    return [int(row[0]) for row in rows]


async def test_a_failed_reply_after_the_stored_answer_does_not_undo_the_step(
    bot: Bot, database: Path, alice: Chat, bob: Chat
) -> None:
    await to_amount_question(alice)
    await to_amount_question(bob)
    # Alice's answer is stored, then her reply fails, and so does the "sorry" after it
    bot.api.fail_next("sendMessage", 400, CHAT_NOT_FOUND)
    bot.api.fail_next("sendMessage", 400, CHAT_NOT_FOUND)
    await alice.send("23500")
    await bob.send("23500")  # Bob, whose reply went through, for comparison
    # PTB's periodic flush runs meanwhile: it must not write Alice's old question back
    await bot.application.update_persistence()
    [alice_state, bob_state] = intake_states(database)
    assert alice_state == bob_state
    # her next answer is read as the answer to the question the database holds
    alice_reply = [m.text for m in await alice.send("45天")]
    bob_reply = [m.text for m in await bob.send("45天")]
    assert alice_reply == bob_reply
    assert alice.buttons() == bob.buttons()


async def test_after_a_restart_the_next_answer_finds_the_stored_question(
    database: Path, clock: Clock
) -> None:
    async with running_bot(database, clock) as bot:
        alice, bob = bot.chat(101), bot.chat(202)
        await to_amount_question(alice)
        await to_amount_question(bob)
        bot.api.fail_next("sendMessage", 400, CHAT_NOT_FOUND)
        await alice.send("23500")
        await bob.send("23500")
    # the clean stop flushed PTB's copy; a new process starts from the database alone
    async with running_bot(database, clock) as bot:
        alice, bob = bot.chat(101), bot.chat(202)
        assert [m.text for m in await alice.send("45天")] == [
            m.text for m in await bob.send("45天")
        ]


async def test_a_tap_whose_answer_and_tick_fail_is_still_stored_and_answered(
    bot: Bot, alice: Chat, bob: Chat
) -> None:
    for chat in (alice, bob):
        await to_amount_question(chat)
        await chat.send("23500")
        await chat.send("45天")
    bob_reply = [m.text for m in await bob.tap("跳过")]  # on a healthy API
    assert bob_reply and c.ERROR not in bob_reply
    # the Bot API fails Alice's tap's answer and its tick through every try of the layer
    for _ in range(TRIES):
        bot.api.fail_next("answerCallbackQuery", 502, "Bad Gateway")
        bot.api.fail_next("editMessageText", 502, "Bad Gateway")
    alice_reply = [m.text for m in await alice.tap("跳过")]
    assert alice_reply == bob_reply  # stored, and the next question, with no "sorry"
