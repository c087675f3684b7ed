"""Forged and stale buttons, Telegram's normal refusals, and /delete in the middle of a question."""

from __future__ import annotations

import aiosqlite
import pytest
from telegram import Update
from telegram.error import BadRequest
from telegram.ext import ContextTypes, TypeHandler

from bot.offline import NOT_MODIFIED
from bot.texts.zh import common as c
from bot.texts.zh import deal as deal_texts
from bot.texts.zh import intake as intake_texts
from bot.texts.zh import settings as settings_texts
from bot.views.settings import clock_hour
from tests.support.chat import Bot, Chat
from tests.support.flows import agree, deal_in_12, one_debt, planned

TOO_OLD = "Bad Request: query is too old and response timeout expired or query id is invalid"
CANT_EDIT = "Bad Request: message can't be edited"


async def rows(bot: Bot, sql: str, *args: object) -> list[aiosqlite.Row]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql, args) as cursor:
        return list(await cursor.fetchall())


def toasts(bot: Bot) -> list[str]:
    """The notices shown at the top of the screen after taps, in order ('' for none)."""
    return [p.get("text") or "" for m, p in bot.api.calls if m == "answerCallbackQuery"]


def no_error_shown(chat: Chat) -> None:
    assert all(c.ERROR not in m.text for m in chat.seen), [m.text for m in chat.seen]


async def at_duration(chat: Chat) -> None:
    await agree(chat)
    await one_debt(chat, "花呗", "23500", "45天", None)
    await chat.tap("没有了")
    await chat.tap("失业")
    assert intake_texts.DURATION_BUTTONS[0][0] in chat.buttons()


@pytest.mark.parametrize(
    "forged",
    [
        "intake:duration:0",
        "intake:duration:999",
        "intake:duration:2",
        "intake:duration:-3",
        "intake:duration:٣",
        "intake:duration:3\n",
        "intake:duration:lasting:1",
        "intake:duration:" + "9" * 40,
    ],
)
async def test_a_forged_duration_is_a_stale_button_and_nothing_is_stored(
    bot: Bot, alice: Chat, forged: str
) -> None:
    await at_duration(alice)
    shown = await alice.tap_data(forged, alice.last.message_id)
    assert toasts(bot)[-1] == intake_texts.STALE_BUTTON
    assert intake_texts.DURATION_BUTTONS[0][0] in shown[-1].flat_buttons[0][0]  # asked again
    assert (await rows(bot, "SELECT hardship_months FROM cases"))[0][0] is None
    await alice.tap("约6个月")  # the real button still works
    assert (await rows(bot, "SELECT hardship_months FROM cases"))[0][0] == 6
    no_error_shown(alice)


@pytest.mark.parametrize(
    "forged",
    [
        "rem:paid:99999999999999999999",
        "rem:paid:9223372036854775808",
        "rem:undo:-1",
        "rem:snoozeat:1:xyz",
        "rem:snoozeat:99999999999999999999:tonight",
        "rem:amount:1e308",
        "set:morning:7",
        "set:lead:999",
        "set:xyz:1",
        "case:script:99999999999999999999",
        "case:xyz",
        "deal:kind:xyz",
        "deal:debt:99999999999999999999",
        "deal:dueday:99",
        "deal:again:xyz",
        "intake:product:xyz",
        "intake:reason:xyz",
        "intake:change:xyz",
        "intake:change:amount:99999999999999999999",
        "intake:delete:99999999999999999999",
        "faq:xyz",
        "delete:maybe",
        "xyz",
    ],
)
async def test_forged_buttons_after_a_deal_get_the_stale_answer_never_an_error(
    bot: Bot, alice: Chat, forged: str
) -> None:
    await planned(alice)
    await deal_in_12(alice)
    before = await rows(bot, "SELECT * FROM installments ORDER BY id")
    answered = len(toasts(bot))
    await alice.tap_data(forged, alice.last.message_id)
    assert toasts(bot)[answered:] and "过期" in toasts(bot)[-1]
    no_error_shown(alice)
    assert [tuple(r) for r in await rows(bot, "SELECT * FROM installments ORDER BY id")] == [
        tuple(r) for r in before
    ]


async def test_a_forged_deal_option_is_refused_in_the_deal(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap_data("deal:kind:unknown", alice.last.message_id)
    assert alice.last_text.startswith("这个按钮已经过期了") and "谈好的是哪一种" in alice.last_text
    await alice.tap("分期")  # still at the same question
    assert alice.last_text == deal_texts.ASK_PERIODS
    no_error_shown(alice)


async def test_tapping_the_setting_already_selected_changes_nothing_quietly(
    bot: Bot, alice: Chat
) -> None:
    await planned(alice)
    await alice.send("/settings")
    settings = alice.last
    selected = settings_texts.CHECKED + clock_hour(9)
    assert selected in [label for label, _ in settings.flat_buttons]
    # Telegram refuses an edit that changes nothing
    bot.api.fail_next("editMessageText", 400, NOT_MODIFIED)
    shown = await alice.tap(selected)
    assert shown == []  # nothing new on screen: no "something went wrong"
    assert toasts(bot)[-1]  # but the tap was answered
    no_error_shown(alice)


async def test_settings_under_a_message_that_can_no_longer_be_edited_are_sent_again(
    bot: Bot, alice: Chat
) -> None:
    await planned(alice)
    await alice.send("/settings")
    bot.api.fail_next("editMessageText", 400, CANT_EDIT)
    shown = await alice.tap(clock_hour(8))
    assert len(shown) == 1 and shown[0].via == "sendMessage"
    selected = settings_texts.CHECKED + clock_hour(8)
    assert selected in [label for label, _ in shown[0].flat_buttons]
    no_error_shown(alice)


async def test_a_tap_answered_too_late_still_counts(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    bot.api.fail_next("answerCallbackQuery", 400, TOO_OLD)
    bot.api.fail_next("editMessageReplyMarkup", 400, CANT_EDIT)
    await alice.tap("花呗")
    assert "花呗" in alice.last_text and "多少元" in alice.last_text
    no_error_shown(alice)


async def test_a_harmless_bad_request_reaching_the_error_handler_says_nothing(
    bot: Bot, alice: Chat
) -> None:
    async def not_modified(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
        raise BadRequest("Message is not modified: specified new message content …")

    bot.application.add_handler(TypeHandler(Update, not_modified), group=-3)
    await alice.send("/help")
    no_error_shown(alice)


async def test_delete_while_recording_a_deal_leaves_nothing_that_comes_back(
    bot: Bot, alice: Chat
) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("分期")
    assert alice.last_text == deal_texts.ASK_PERIODS
    await alice.send("/delete")
    await alice.tap("确定删除")
    assert alice.last_text == c.DELETE_DONE

    shown = await alice.send("12")  # the answer to the question that was open
    assert [m.text for m in shown] == [c.NOT_IN_CONVERSATION]
    old = next(m for m in alice.seen if ("分期", "deal:kind:installments") in m.flat_buttons)
    await alice.tap_data("deal:kind:single", old.message_id)  # its old buttons
    assert toasts(bot)[-1] == c.STALE_BUTTON
    no_error_shown(alice)

    await bot.application.update_persistence()  # PTB's periodic flush
    assert await rows(bot, "SELECT * FROM conversations") == []
    assert await rows(bot, "SELECT * FROM users") == []
    assert await rows(bot, "SELECT * FROM deal_drafts") == []


async def test_the_flush_never_writes_a_state_for_a_deleted_user(bot: Bot, alice: Chat) -> None:
    await agree(alice)
    await alice.send("/delete")
    await alice.tap("确定删除")
    persistence = bot.application.persistence
    assert persistence is not None
    await persistence.update_conversation("deal", (alice.chat_id, alice.user_id), 5)
    await persistence.update_conversation("intake", (alice.chat_id, alice.user_id), 2)
    assert await rows(bot, "SELECT * FROM conversations") == []


async def test_old_buttons_after_delete_are_stale_and_create_nothing(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await deal_in_12(alice)
    earlier = [(data, m.message_id) for m in alice.seen for _, data in m.flat_buttons if data]
    await alice.send("/delete")
    await alice.tap("确定删除")
    for data, message_id in earlier:
        if data.startswith(("faq:", "delete:")):
            continue  # the worries and /delete work without any data
        answered = len(toasts(bot))
        await alice.tap_data(data, message_id)
        assert toasts(bot)[answered:] == [c.STALE_BUTTON], data
    await alice.send("/deal")
    await alice.send("/settings")
    no_error_shown(alice)
    for table in ("users", "cases", "debts", "deals", "installments", "deal_drafts"):
        assert await rows(bot, f"SELECT * FROM {table}") == [], table
    await alice.send("/start")  # starting again works
    await alice.tap("开始")
    assert "哪一项逾期了" in alice.last_text


async def test_deal_from_someone_who_never_started(bot: Bot, alice: Chat) -> None:
    await alice.send("/deal")
    assert alice.last_text == deal_texts.NEED_PLAN
    await alice.tap_data("deal:start", 1)
    assert toasts(bot)[-1] == c.STALE_BUTTON
    no_error_shown(alice)


async def test_a_forged_tap_in_a_group_posts_nothing_there(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await deal_in_12(alice)
    in_group = bot.chat(alice.user_id, chat_id=-1001234)
    installment = (await rows(bot, "SELECT id FROM installments ORDER BY id"))[0][0]
    for data in ("set:morning:8", f"rem:paid:{installment}", "case:plan", "deal:start"):
        answered = len(toasts(bot))
        await in_group.tap_data(data, 5)
        assert toasts(bot)[answered:] == [c.STALE_BUTTON], data
    assert in_group.seen == []  # neither the plan nor the settings nor an amount
    assert (await rows(bot, "SELECT morning_hour FROM users"))[0][0] == 9
    assert (await rows(bot, "SELECT COUNT(*) FROM installments WHERE paid_at IS NOT NULL"))[0][
        0
    ] == 0
