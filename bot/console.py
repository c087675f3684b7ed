"""Console mode: the same application in a terminal, no Telegram and no token.

Buttons are shown as numbered choices; typing the number taps the button.
"""

from __future__ import annotations

import asyncio
import contextlib
import html
import re
import sys
from collections.abc import Callable

from pydantic import SecretStr
from telegram import Update
from telegram.ext import Application

from bot.app import build_application
from bot.config import Settings
from bot.offline import OFFLINE_TOKEN, OfflineBotApi, SentMessage
from bot.offline_updates import callback_update, message_update

CONSOLE_USER_ID = 1
_TAG = re.compile(r"</?(b|i|u|s|code|pre)>")


def plain(text: str) -> str:
    """What a phone would show for our HTML: tags gone, entities decoded."""
    return html.unescape(_TAG.sub("", text))


def render(message: SentMessage) -> str:
    lines = ["", plain(message.text)]
    for number, (label, _) in enumerate(message.flat_buttons, start=1):
        lines.append(f"  [{number}] {label}")
    return "\n".join(lines)


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

    def show(message: SentMessage) -> None:
        write(render(message))
        # numbers typed later tap these buttons only while they are the latest shown
        last_with_buttons[:] = [message] if message.buttons else []

    api = OfflineBotApi(on_message=show)
    console_settings = settings.model_copy(update={"token": SecretStr(OFFLINE_TOKEN)})
    application = build_application(console_settings, request=api)
    write("控制台模式：直接打字回答，输入按钮前的数字就是点按钮。/quit 退出。")
    async with application:
        assert application.post_init is not None
        await application.post_init(application)
        try:
            await _chat(application, read, last_with_buttons)
        finally:
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
        data = _button_for(line, last_with_buttons)
        if data is not None:
            message, callback_data = data
            raw = callback_update(CONSOLE_USER_ID, callback_data, message_id=message.message_id)
            last_with_buttons.clear()
        else:
            raw = message_update(CONSOLE_USER_ID, text=line)
        await application.process_update(Update.de_json(raw, application.bot))


def _button_for(line: str, last_with_buttons: list[SentMessage]) -> tuple[SentMessage, str] | None:
    if not last_with_buttons or not line.isdigit():
        return None
    message = last_with_buttons[0]
    buttons = message.flat_buttons
    index = int(line) - 1
    if 0 <= index < len(buttons):
        return message, buttons[index][1]
    return None


def main(settings: Settings) -> int:
    with contextlib.suppress(KeyboardInterrupt):
        asyncio.run(run_console(settings))
    sys.stdout.write("\n再见。\n")
    return 0
