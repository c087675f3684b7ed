"""Builds the updates a Telegram client would send, for console mode and the tests.

Console mode and the conversation tests hand these updates to the Application directly,
not through getUpdates; so that Telegram's side still knows what the user sent (the bot may
delete it), every message built here is also kept for a while in a short outbox, which
:class:`bot.offline.OfflineBotApi` reads before it answers a call.
"""

from __future__ import annotations

import copy
import itertools
import time
from collections import deque
from collections.abc import Iterator
from typing import Any

_update_ids = itertools.count(1)
_message_ids = itertools.count(1_000_000)
_sequence = itertools.count(1)
_last = 0
# (sequence, message) of the latest messages built, oldest first
_outbox: deque[tuple[int, dict[str, Any]]] = deque(maxlen=1024)


def _sent(message: dict[str, Any]) -> None:
    global _last
    _last = next(_sequence)
    _outbox.append((_last, copy.deepcopy(message)))


def last_sequence() -> int:
    """The number of the latest message built (0: none yet)."""
    return _last


def sent_since(sequence: int) -> Iterator[dict[str, Any]]:
    """The user messages built after ``sequence`` (the latest 1024 at most), oldest first."""
    if not _outbox or _outbox[-1][0] <= sequence:
        return
    newer: list[dict[str, Any]] = []
    # newest first, stopping at the first one already heard: a call with nothing new (the
    # usual case) costs one comparison, not a walk over the whole outbox
    for number, message in reversed(list(_outbox)):  # a copy: another thread may append
        if number <= sequence:
            break
        newer.append(message)
    yield from reversed(newer)


def _user(user_id: int, first_name: str) -> dict[str, Any]:
    return {"id": user_id, "is_bot": False, "first_name": first_name, "language_code": "zh-hans"}


def _chat(chat_id: int, user_id: int, first_name: str) -> dict[str, Any]:
    if chat_id > 0:
        return {"id": chat_id, "type": "private", "first_name": first_name}
    return {"id": chat_id, "type": "supergroup", "title": "群聊"}


def message_update(
    user_id: int,
    *,
    text: str | None = None,
    chat_id: int | None = None,
    first_name: str = "用户",
    edited: bool = False,
    **content: Any,
) -> dict[str, Any]:
    """A message from a user; ``text`` starting with ``/`` becomes a command, as in Telegram."""
    chat_id = user_id if chat_id is None else chat_id
    message: dict[str, Any] = {
        "message_id": next(_message_ids),
        "date": int(time.time()),
        "chat": _chat(chat_id, user_id, first_name),
        "from": _user(user_id, first_name),
        **content,
    }
    if text is not None:
        message["text"] = text
        if text.startswith("/"):
            command = text.split()[0]
            message["entities"] = [{"type": "bot_command", "offset": 0, "length": len(command)}]
    _sent(message)
    if edited:
        message["edit_date"] = message["date"]
        return {"update_id": next(_update_ids), "edited_message": message}
    return {"update_id": next(_update_ids), "message": message}


def sticker_update(user_id: int) -> dict[str, Any]:
    sticker = {
        "file_id": "sticker1",
        "file_unique_id": "s1",
        "type": "regular",
        "width": 512,
        "height": 512,
        "is_animated": False,
        "is_video": False,
    }
    return message_update(user_id, sticker=sticker)


def photo_update(user_id: int) -> dict[str, Any]:
    photo = [{"file_id": "photo1", "file_unique_id": "p1", "width": 90, "height": 90}]
    return message_update(user_id, photo=photo)


def voice_update(user_id: int) -> dict[str, Any]:
    return message_update(user_id, voice={"file_id": "v1", "file_unique_id": "v1", "duration": 3})


def callback_update(
    user_id: int,
    data: str,
    *,
    message_id: int,
    chat_id: int | None = None,
    message_text: str = "",
    first_name: str = "用户",
    buttons: list[list[tuple[str, str]]] | None = None,
) -> dict[str, Any]:
    """A tap on an inline button under the bot's message ``message_id``.

    ``buttons`` (label, data) are the message's keyboard as shown, which Telegram sends
    along with the tap.
    """
    chat_id = user_id if chat_id is None else chat_id
    message: dict[str, Any] = {
        "message_id": message_id,
        "date": int(time.time()),
        "chat": _chat(chat_id, user_id, first_name),
        "text": message_text or "…",
    }
    if buttons:
        message["reply_markup"] = {
            "inline_keyboard": [
                [{"text": label, "callback_data": value} for label, value in row] for row in buttons
            ]
        }
    return {
        "update_id": next(_update_ids),
        "callback_query": {
            "id": str(next(_update_ids)),
            "from": _user(user_id, first_name),
            "chat_instance": str(chat_id),
            "data": data,
            "message": message,
        },
    }
