"""A tap's answer and the edit that shows the choice go out while the answer is stored and
replied to (issue 15): the next question does not wait for them, the update is not done
until they have arrived, and their failure is no "sorry" to someone already answered."""

from __future__ import annotations

import asyncio
import logging
from typing import Any

import pytest
from telegram import InlineKeyboardButton, InlineKeyboardMarkup, Update
from telegram.ext import ApplicationHandlerStop, CallbackQueryHandler
from telegram.request import RequestData

from bot.adapters.taps import acknowledge, replace_keyboard, was_sent_ahead
from bot.texts.zh import common as c
from tests.support.chat import Bot, Chat
from tests.support.flows import agree

HELD = ("answerCallbackQuery", "editMessageText", "editMessageReplyMarkup")


def hold_tap_calls(bot: Bot) -> tuple[asyncio.Event, list[str]]:
    """Makes the tap's answer and edits wait for the returned event; notes every call."""
    release = asyncio.Event()
    arrived: list[str] = []
    inner = bot.api.do_request

    async def do_request(url: str, *args: Any, **kwargs: Any) -> tuple[int, bytes]:
        method = url.rsplit("/", 1)[-1]
        if method in HELD:
            await release.wait()
        result = await inner(url, *args, **kwargs)
        arrived.append(method)
        return result

    bot.api.do_request = do_request  # type: ignore[method-assign]
    return release, arrived


async def until(condition: Any, what: str) -> None:
    for _ in range(1000):
        if condition():
            return
        await asyncio.sleep(0.001)
    raise AssertionError(f"never happened: {what}")


async def test_the_next_question_does_not_wait_for_the_taps_answer_and_edit(
    bot: Bot, alice: Chat
) -> None:
    await agree(alice)
    release, arrived = hold_tap_calls(bot)
    tapping = asyncio.create_task(alice.tap("花呗"))
    # the amount question goes out while the tap's answer and its ✓ are still on their way
    await until(lambda: "sendMessage" in arrived, "the next question sent")
    assert "花呗" in alice.last_text and "多少" in alice.last_text
    assert not set(HELD) & set(arrived)
    await asyncio.sleep(0.05)
    assert not tapping.done()  # the update is not done before they have arrived
    release.set()
    await tapping
    assert "answerCallbackQuery" in arrived
    assert any("花呗" in echo for echo in alice.echoes())  # the choice shown with its tick
    # and the chat reads as before: the question at the bottom, the tapped one above it
    assert "多少" in alice.last_text


async def test_a_later_edit_of_the_tapped_message_comes_after_the_one_sent_ahead(
    bot: Bot, alice: Chat
) -> None:
    """A handler that acknowledges a tap (its keyboard taken off, sent ahead) and then shows
    new buttons under the same message: the first edit, arriving late, must not take the
    new buttons away."""

    async def acknowledge_then_new_buttons(update: Update, _: object) -> None:
        await acknowledge(update)
        assert update.callback_query is not None
        markup = InlineKeyboardMarkup([[InlineKeyboardButton("新的", callback_data="x:new")]])
        await replace_keyboard(update.callback_query, markup)
        raise ApplicationHandlerStop  # no other handler takes the test's own button

    bot.application.add_handler(
        CallbackQueryHandler(acknowledge_then_new_buttons, pattern="^x:both$"), group=-3
    )
    await agree(alice)
    question = alice.last.message_id
    first = asyncio.Event()
    inner = bot.api.do_request

    async def do_request(
        url: str, method: str, data: RequestData | None = None, *args: Any, **kwargs: Any
    ) -> tuple[int, bytes]:
        taken_off = data is not None and "reply_markup" not in data.parameters
        if url.endswith("/editMessageReplyMarkup") and taken_off:
            await first.wait()  # the acknowledgement's edit is slow
        return await inner(url, method, data, *args, **kwargs)

    bot.api.do_request = do_request  # type: ignore[method-assign,assignment]
    tapping = asyncio.create_task(alice.tap_data("x:both", question))
    await asyncio.sleep(0.05)
    first.set()
    await tapping
    assert alice.buttons_of(question) == ["新的"]


async def test_a_failed_edit_sent_ahead_is_reported_but_the_person_hears_no_sorry(
    bot: Bot, alice: Chat, caplog: pytest.LogCaptureFixture
) -> None:
    await agree(alice)
    # a refusal that is no normal one around taps: a bug of ours (bad markup, say)
    bot.api.fail_next("editMessageText", 400, "Bad Request: can't parse entities")
    with caplog.at_level(logging.ERROR):
        shown = await alice.tap("花呗")
    assert [m.text for m in shown if "多少" in m.text]  # answered: the amount is asked
    assert c.ERROR not in [m.text for m in shown]
    # the operator hears of it: an error logged with its traceback, noted as sent ahead
    logged = [r.exc_info[1] for r in caplog.records if r.levelno >= logging.ERROR and r.exc_info]
    assert logged and was_sent_ahead(logged[0])
    # and the answer stands: the amount is taken and the next question asked
    shown = await alice.send("23500")
    assert c.ERROR not in [m.text for m in shown]
    assert "逾期" in alice.last_text


async def test_a_tap_whose_only_reply_is_its_notice_still_hears_sorry_when_it_fails(
    bot: Bot, alice: Chat
) -> None:
    """A button the bot no longer knows gets a notice, and nothing else: that notice is the
    whole reply, so it is not sent ahead, and when it fails the person gets the sorry."""
    await agree(alice)
    question = alice.last.message_id
    bot.api.fail_next("answerCallbackQuery", 400, "Bad Request: MESSAGE_TOO_LONG")
    shown = await alice.tap_data("nosuch:thing", question)
    assert c.ERROR in [m.text for m in shown]
