"""Console mode: the same application in a terminal, no Telegram and no token.

Buttons are shown with a key in front; typing the key taps the button. The key is a number
(``[1] 花呗``) unless a typed number could be the answer itself, as it would be on
Telegram: then the buttons get letters (``[a] 约3个月``) and a number is sent as text, so
"3" at "持续多久" means 3个月 and "15" at the payday means the 15th. A number can be the
answer when a button label carries a number (约3个月, 15号, 每月 10 号, 今晚 21:30,
每月 1,679 元) or when the only button skips a question answered by typing (跳过, 没有 …).
Keys work only while that keyboard is under the newest message.

Files the bot sends (the ``.ics`` calendar) and pictures (the progress picture on
/status) are written next to the database, and the console says where; a picture's caption
is printed as a message's text. The short notices a tap gets on a phone are printed as ``💬 …``.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
import string
import sys
from collections.abc import Callable
from pathlib import Path

from pydantic import SecretStr
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.offline import OFFLINE_TOKEN, OfflineBotApi, SentMessage
from bot.offline_updates import callback_update, message_update
from bot.texts.zh import console as t

CONSOLE_USER_ID = 1
_TAG = re.compile(r"</?(b|i|u|s|code|pre)>")
_DIGIT = re.compile(r"\d")
# a lone button that skips a question answered by typing: a number there is the answer
_SKIP_WORDS = ("跳过", "没有", "没漏算", "不用")
# 点“跳过” in a text: the console adds the key that taps it
_TAP_HINT = re.compile(r"点(下面的)?“([^”]{1,16})”")


def plain(text: str) -> str:
    """What a phone would show for our HTML: tags gone, entities decoded."""
    return html.unescape(_TAG.sub("", text))


def lettered(message: SentMessage) -> bool:
    """Whether a typed number could be the answer to this message (its buttons get letters)."""
    labels = [label for label, _ in message.flat_buttons]
    if any(_DIGIT.search(label) for label in labels):
        return True
    return len(labels) == 1 and labels[0].startswith(_SKIP_WORDS)


def keys(message: SentMessage) -> list[str]:
    """The key of each button, in order: 1, 2, 3 … or a, b, c …"""
    count = len(message.flat_buttons)
    if lettered(message):
        return list(string.ascii_lowercase[:count])
    return [str(n) for n in range(1, count + 1)]


def _bare(label: str) -> str:
    return re.sub(r"^[^\w]+", "", label)


def _with_keys(text: str, message: SentMessage) -> str:
    """点“跳过” -> 点“跳过”（按 a） when one of the message's buttons says 跳过."""
    pairs = list(zip(keys(message), message.flat_buttons, strict=True))

    def add_key(match: re.Match[str]) -> str:
        said = match[2]
        for key, (label, _) in pairs:
            if said in _bare(label):
                return t.KEY_HINT.format(hint=match[0], key=key)
        return match[0]

    return _TAP_HINT.sub(add_key, text)


def render(message: SentMessage) -> str:
    lines = ["", _with_keys(plain(message.text), message)]
    for key, (label, _) in zip(keys(message), message.flat_buttons, strict=True):
        lines.append(f"  [{key}] {label}")
    return "\n".join(lines)


def save_document(message: SentMessage, folder: Path) -> Path:
    """Writes a sent file (the .ics) or picture (the .png) into ``folder``; returns where."""
    name = message.document or message.photo
    assert name is not None
    folder.mkdir(parents=True, exist_ok=True)
    path = folder / Path(name).name
    path.write_bytes(message.document_bytes)
    return path


async def run_console(
    settings: Settings,
    *,
    read: Callable[[], str] | None = None,
    write: Callable[[str], None] | None = None,
) -> None:
    """Chats with the bot on standard input/output until end of input or /quit."""
    write = write or (lambda text: print(text, flush=True))
    read = read or (lambda: input("> "))
    last_with_buttons: list[SentMessage] = []
    folder = settings.database.resolve().parent

    def show(message: SentMessage) -> None:
        write(render(message))
        if message.document is not None or message.photo is not None:
            try:
                saved = t.PICTURE_SAVED if message.photo is not None else t.FILE_SAVED
                write(saved.format(path=save_document(message, folder)))
            except OSError as error:
                write(t.FILE_NOT_SAVED.format(folder=folder, reason=error.strerror))
        # keys typed later tap these buttons only while they are the latest shown
        last_with_buttons[:] = [message] if message.buttons else []

    def notice(text: str) -> None:
        write(f"💬 {plain(text)}")

    api = OfflineBotApi(on_message=show, on_notice=notice)
    console_settings = settings.model_copy(update={"token": SecretStr(OFFLINE_TOKEN)})
    # no rate limiter: the in-memory Bot API has no limits to respect
    application = build_application(
        console_settings, request=api, rate_limiter=None, heartbeat=False, inbox=False
    )
    write(t.BANNER)
    try:
        async with application:
            assert application.post_init is not None
            await application.post_init(application)
            await _chat(application, read, last_with_buttons)
    finally:
        # after PTB's shutdown, which flushes the conversations to the database one last
        # time: closing the database before that left its worker thread behind the loop
        if application.post_shutdown is not None:
            await application.post_shutdown(application)


async def _chat(
    application: Application,
    read: Callable[[], str],
    last_with_buttons: list[SentMessage],
) -> None:
    first = message_update(CONSOLE_USER_ID, text="/start")
    await application.process_update(Update.de_json(first, application.bot))
    while True:
        try:
            line = (await asyncio.to_thread(read)).strip()
        except (EOFError, KeyboardInterrupt):
            return
        if line in {"/quit", "/exit"}:
            return
        if not line:
            continue
        data = button_for(line, last_with_buttons)
        if data is not None:
            message, callback_data = data
            raw = callback_update(
                CONSOLE_USER_ID,
                callback_data,
                message_id=message.message_id,
                buttons=message.buttons,
            )
            last_with_buttons.clear()
        else:
            raw = message_update(CONSOLE_USER_ID, text=line)
        await application.process_update(Update.de_json(raw, application.bot))


def button_for(line: str, last_with_buttons: list[SentMessage]) -> tuple[SentMessage, str] | None:
    """The button a typed key taps, or None: the line is sent as text."""
    if not last_with_buttons:
        return None
    message = last_with_buttons[0]
    key = line.lower()
    for candidate, (_, data) in zip(keys(message), message.flat_buttons, strict=True):
        if key == candidate:
            return message, data
    return None


def main(settings: Settings) -> int:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_console(settings))
    sys.stdout.write(t.GOODBYE)
    return 0
