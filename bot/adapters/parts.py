"""An answer in several messages (the plan, a script, a question after its preface): every
part is sent, whatever happened to the one before.

The request layer (``retrying_request``) has already tried each message again where that
could not make a duplicate. What still fails here is one of two things:

- the outcome is unknown (``DeliveryUnknown``: a time-out after the message was sent, so it
  was most likely delivered): it is not sent again, one message possibly missing rather
  than one shown twice;
- it certainly failed (the Bot API unreachable or failing through every try).

Either way the next parts still go out and the handler goes on: the answer it replies to is
already committed, with the question that comes next, so stopping here would only leave the
user with less of the answer and the conversation behind what was stored. Each part that
may be missing is one WARNING line (which part, and why; never the text). The plan and the
scripts can be shown again at any time (/plan, /script, the buttons under the last part).

A 400 (BadRequest) is a bug in what we sent, and 403 or 429 are Telegram's answers about the
user or the pace: those are raised as before.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence

from telegram import Chat, InlineKeyboardMarkup, Message
from telegram.error import BadRequest, NetworkError

from bot.adapters.retrying_request import DeliveryUnknown

log = logging.getLogger(__name__)


async def send_parts(
    chat: Chat, texts: Sequence[str], markup: InlineKeyboardMarkup | None = None
) -> list[Message | None]:
    """Sends each text as its own message, ``markup`` under the last one; returns each
    part's message, None for a part that may be missing."""
    sent: list[Message | None] = []
    for index, text in enumerate(texts):
        last = index == len(texts) - 1
        try:
            sent.append(await chat.send_message(text, reply_markup=markup if last else None))
        except BadRequest:
            raise
        except NetworkError as error:
            sent.append(None)
            log.warning(
                "part %d of %d of an answer %s: %s",
                index + 1,
                len(texts),
                "may be missing" if isinstance(error, DeliveryUnknown) else "was not delivered",
                describe_network_error(error),
            )
    return sent


def describe_network_error(error: NetworkError) -> str:
    """``TimedOut (ReadTimeout)``, ``NetworkError: Bad Gateway``: the kind, never a text."""
    cause = error.__cause__
    name = type(error).__name__
    return f"{name} ({type(cause).__name__})" if cause is not None else f"{name}: {error.message}"
