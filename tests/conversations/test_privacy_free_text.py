"""Every free-text answer × every way of writing a secret: warned, never stored, never echoed.

Each field is reached through the real Application; then every form is sent at the open
question. After each one the user must be warned, and no table of the database may hold its
digits (or letters, for a password). Finally the question is answered normally and everything
that shows the answer (the summary, the call script, the deal summary, /calls) is looked at.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Awaitable, Callable
from dataclasses import dataclass

import pytest
from telegram.ext import MessageHandler

from bot.adapters import privacy
from bot.offline_updates import message_update
from tests.support.chat import Bot, Chat
from tests.support.flows import agree, one_debt, planned

ZW = "\u200b"
NBSP = "\u00a0"
FULL = str.maketrans("0123456789Xx", "０１２３４５６７８９Ｘｘ")
CARD = "6222021234567894"  # Luhn-valid
CARD_19 = "6222021234567890123"
CARD_NO_LUHN = "6222021234567890"  # a card only because a card word is next to it
ID = "11010519491231002X"


def grouped(number: str, separator: str, size: int = 4) -> str:
    return separator.join(number[i : i + size] for i in range(0, len(number), size))


@dataclass(frozen=True)
class Form:
    """A secret as a person might type it, the warning it gets, and what must never be kept."""

    name: str
    text: str
    warning: str
    secret: str


def card(name: str, text: str, number: str) -> Form:
    return Form(name, text, "银行卡号", number)


FORMS = [
    card("card plain", CARD_19, CARD_19),
    card("card after 卡号", f"卡号 {grouped(CARD, ' ')}", CARD),
    card("card in a sentence", f"工资卡 {grouped(CARD, ' ')} 被冻结了", CARD),
    card("card no Luhn after 卡号", f"卡号 {grouped(CARD_NO_LUHN, ' ')}", CARD_NO_LUHN),
    card("card dashes", grouped(CARD, "-"), CARD),
    card("card dots", grouped(CARD, "."), CARD),
    card("card NBSP", grouped(CARD, NBSP), CARD),
    card("card zero-width", grouped(CARD, ZW), CARD),
    card("card zero-width after 银行卡", f"银行卡{grouped(CARD_NO_LUHN, ZW)}", CARD_NO_LUHN),
    card("card 8-8 after 储蓄卡", f"储蓄卡 {grouped(CARD_NO_LUHN, ' ', 8)}", CARD_NO_LUHN),
    card("card 8-8", grouped(CARD, " ", 8), CARD),
    card(
        "card full-width grouped",
        f"信用卡 {grouped(CARD_NO_LUHN, ' ').translate(FULL)}",
        CARD_NO_LUHN,
    ),
    card("card full-width", f"我的卡是{CARD.translate(FULL)}", CARD),
    Form("ID with X", f"失业了，身份证{ID}", "身份证号", ID),
    Form("ID with x", ID.lower(), "身份证号", ID),
    Form("ID full-width", ID[:17].translate(FULL) + "Ｘ", "身份证号", ID),
    Form("ID grouped", f"{ID[:6]} {ID[6:14]} {ID[14:]}", "身份证号", ID),
    Form("ID zero-width", ZW.join(ID), "身份证号", ID),
    Form("code 验证码", "验证码 482913", "验证码", "482913"),
    Form("code 驗證碼", "驗證碼：482913", "验证码", "482913"),
    Form("code before", "482913是验证码", "验证码", "482913"),
    Form("password 密码 是", "密码 是 abc123", "密码", "ABC123"),
    Form("password 密码：", "密码：135790", "密码", "135790"),
]


def fingerprints(secret: str) -> list[str]:
    """Every run of 8 characters of the secret (all of it when shorter)."""
    size = min(8, len(secret))
    return [secret[i : i + size] for i in range(len(secret) - size + 1)]


def compact(value: object) -> str:
    """Only the letters and digits of a value, folded, so no separator can hide a match."""
    folded = unicodedata.normalize("NFKC", str(value)).upper()
    return re.sub(r"[^0-9A-Z]", "", folded)


async def stored_anywhere(bot: Bot, secret: str) -> list[str]:
    """The table.column cells that hold any 8 characters of the secret."""
    conn = await bot.services.database.connection()
    async with conn.execute("SELECT name FROM sqlite_master WHERE type = 'table'") as cursor:
        tables = [row[0] for row in await cursor.fetchall()]
    found = []
    for table in tables:
        async with conn.execute(f"SELECT * FROM {table}") as cursor:
            names = [d[0] for d in cursor.description]
            for row in await cursor.fetchall():
                for name, value in zip(names, row, strict=True):
                    cell = compact(value)
                    if any(part in cell for part in fingerprints(secret)):
                        found.append(f"{table}.{name}")
    return found


def echoed(chat: Chat, secret: str) -> list[str]:
    return [m.text for m in chat.seen if any(p in compact(m.text) for p in fingerprints(secret))]


# --- the free-text fields: how to reach the question, and how to answer it normally ----------


async def to_reason(chat: Chat) -> None:
    await agree(chat)
    await one_debt(chat, "花呗", "23500", "45天", None)
    await chat.tap("没有了")
    assert "为什么" in chat.last_text or "原因" in chat.last_text


async def to_reason_text(chat: Chat) -> None:
    await to_reason(chat)
    await chat.tap("其他")


async def finish_intake(chat: Chat) -> None:
    await chat.send("老板跑路了，工资没发")
    await chat.tap("约3个月")
    await chat.send("6000")
    await chat.tap("15号")
    await chat.send("4000")
    await chat.tap("没有")
    summary = chat.last_text
    assert "老板跑路了" in summary  # the summary does show the sentence
    await chat.tap("确认")
    await chat.tap("通话稿")
    assert any("老板跑路了" in m.text for m in chat.seen[-6:])  # and so does the script


async def to_refused_staff(chat: Chat) -> None:
    await planned(chat)
    await chat.send("/deal")
    await chat.tap("没谈成")
    assert "工号" in chat.last_text


async def to_refused_note(chat: Chat) -> None:
    await to_refused_staff(chat)
    await chat.send("A1023")


async def to_agreed_staff(chat: Chat) -> None:
    await planned(chat)
    await chat.send("/deal")
    await chat.tap("谈好了")
    await chat.tap("分期")
    await chat.send("12期")
    await chat.send("共23500")
    await chat.send("12月10日")
    await chat.tap("每月 10 号")
    assert "工号" in chat.last_text


async def finish_refused_staff(chat: Chat) -> None:
    await chat.send("A1023")
    await finish_refused_note(chat)


async def finish_refused_note(chat: Chat) -> None:
    await chat.send("客服态度很差")
    await chat.tap("不用了")
    await chat.send("/calls")
    assert "A1023" in chat.last_text and "客服态度很差" in chat.last_text


async def finish_agreed_staff(chat: Chat) -> None:
    await chat.send("A1023")
    assert "A1023" in chat.last_text  # the deal summary shows the 工号
    await chat.tap("保存")
    await chat.send("/calls")
    assert "A1023" in chat.last_text


@dataclass(frozen=True)
class Field:
    name: str
    reach: Callable[[Chat], Awaitable[None]]
    finish: Callable[[Chat], Awaitable[None]]


FIELDS = [
    Field("intake reason, typed", to_reason, finish_intake),
    Field("intake reason, after 其他", to_reason_text, finish_intake),
    Field("refused call: 工号", to_refused_staff, finish_refused_staff),
    Field("refused call: note", to_refused_note, finish_refused_note),
    Field("agreed call: 工号", to_agreed_staff, finish_agreed_staff),
]


@pytest.mark.parametrize("field", FIELDS, ids=[f.name for f in FIELDS])
async def test_every_form_of_a_secret_is_refused_in_every_free_text_field(
    bot: Bot, alice: Chat, field: Field
) -> None:
    await field.reach(alice)
    problems: list[str] = []
    for form in FORMS:
        deletions = sum(method == "deleteMessage" for method, _ in bot.api.calls)
        replies = await alice.send(form.text)
        said = "\n".join(m.text for m in replies)
        if form.warning not in said or "删掉了" not in said:
            problems.append(f"{form.text!r}: not warned, got {said!r}")
        if sum(method == "deleteMessage" for method, _ in bot.api.calls) != deletions + 1:
            problems.append(f"{form.text!r}: the message was not deleted")
        if where := await stored_anywhere(bot, form.secret):
            problems.append(f"{form.text!r}: stored in {where}")
    assert not problems, "\n".join(problems)

    await field.finish(alice)  # the question stayed open; what shows the answer has no secret
    for form in FORMS:
        assert not echoed(alice, form.secret), form.text
        assert not await stored_anywhere(bot, form.secret), form.text


# --- defence in depth: a message that got past the guard is still not kept ------------------


def without_guard(bot: Bot) -> None:
    """As if a message slipped past the guard (a path nobody thought of)."""
    guards = [
        h
        for h in bot.application.handlers[-2]
        if isinstance(h, MessageHandler) and h.callback is privacy.guard_secrets
    ]
    assert guards
    for guard in guards:
        bot.application.remove_handler(guard, group=-2)


NUMBERS = [f for f in FORMS if f.warning in ("银行卡号", "身份证号")] + [FORMS[-2]]


@pytest.mark.parametrize("form", NUMBERS, ids=[f.name for f in NUMBERS])
async def test_past_the_guard_the_hardship_note_keeps_the_words_but_not_the_secret(
    bot: Bot, alice: Chat, form: Form
) -> None:
    await to_reason_text(alice)
    without_guard(bot)
    await alice.send(f"{form.text} \u202e老板跑路了\x1b")
    assert not await stored_anywhere(bot, form.secret)
    conn = await bot.services.database.connection()
    async with conn.execute("SELECT hardship_note FROM cases") as cursor:
        [(note,)] = [tuple(row) for row in await cursor.fetchall()]
    assert "＊＊＊" in note and note.endswith("老板跑路了")  # no U+202E, no ESC
    assert "\u202e" not in note and "\x1b" not in note
    await alice.tap("约3个月")
    await alice.send("6000")
    await alice.tap("15号")
    await alice.send("4000")
    await alice.tap("没有")
    assert "老板跑路了" in alice.last_text
    await alice.tap("确认")
    await alice.tap("通话稿")
    assert not echoed(alice, form.secret)


async def test_past_the_guard_a_refused_call_keeps_no_secret(bot: Bot, alice: Chat) -> None:
    await to_refused_staff(alice)
    without_guard(bot)
    await alice.send(CARD_19)  # a 19-digit "工号" is a card number: not kept as one
    assert not await stored_anywhere(bot, CARD_19)
    if "跳过" in alice.buttons():  # refused as a 工号 (too long): the question stays
        await alice.tap("跳过")
    await alice.send(f"客服说卡号 {grouped(CARD_NO_LUHN, ' ')} 被冻结\u202e了")
    await alice.tap("不用了")
    await alice.send("/calls")
    assert "客服说卡号 ＊＊＊ 被冻结了" in alice.last_text
    assert "工号" not in alice.last_text
    for secret in (CARD_19, CARD_NO_LUHN):
        assert not await stored_anywhere(bot, secret)
        assert not echoed(alice, secret)


async def test_an_edit_that_adds_a_card_number_is_deleted_and_not_stored(
    bot: Bot, alice: Chat
) -> None:
    await to_reason_text(alice)
    await alice.send("老板跑路了")
    deletions = sum(method == "deleteMessage" for method, _ in bot.api.calls)
    replies = await alice.edit(f"老板跑路了，工资卡 {grouped(CARD, ' ')} 被冻结了")
    assert any("银行卡号" in m.text and "删掉了" in m.text for m in replies)
    assert sum(method == "deleteMessage" for method, _ in bot.api.calls) == deletions + 1
    assert not await stored_anywhere(bot, CARD)


async def test_a_caption_with_a_card_number_is_deleted_and_not_stored(
    bot: Bot, alice: Chat
) -> None:
    await to_reason_text(alice)
    photo = [{"file_id": "photo1", "file_unique_id": "p1", "width": 90, "height": 90}]
    raw = message_update(alice.user_id, photo=photo, caption=f"卡号 {grouped(CARD_NO_LUHN, ' ')}")
    replies = await alice._process(raw)
    assert any("银行卡号" in m.text and "删掉了" in m.text for m in replies)
    assert not await stored_anywhere(bot, CARD_NO_LUHN)
