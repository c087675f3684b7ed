"""Replies first: the bot's own limiter of Bot API calls, in place of PTB's AIORateLimiter.

AIORateLimiter puts every call (taps answered, edits, replies, reminders) through one
30-a-second limiter, so above ~15 answers a second replies queue without bound, and a burst
of reminders makes everyone who is chatting wait. Here calls are told apart:

* **Replies** (a message or edit to the chat whose update is being handled, see
  ``replying_to``) never wait for the overall budget; they are counted in it, so bulk sends
  give way to them.
* **Bulk** (every other send: reminders, nudges, check-ins, alerts) waits until the sends of
  the last second, replies included, leave room under ``BULK_PER_SECOND``, less a reserve
  while people are being answered (``reply_reserve``: room for their replies to vary).
* **Free** calls are never held: answering a tap, reading (get*), setting the profile,
  deleting. Telegram does not count them as messages.
* **Per chat**, new messages (replies and bulk alike) keep to about one a second, with short
  bursts; edits (the tick under a tapped question) are not held.
* **429** (``RetryAfter``) is absorbed: the call is made again after ``retry_after``, at most
  ``max_retries`` times; a 429 also holds every bulk send back for that long.

Telegram's documented limits (Bots FAQ, "My bot is hitting limits, how do I avoid this?"):
about 30 messages a second overall for bulk notifications, no more than one message a second
in one chat (short bursts are tolerated, then 429), no more than 20 messages a minute in a
group. The numbers marked "our choice" below are ours.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
import math
import time
from collections import deque
from collections.abc import Callable, Coroutine, Iterator
from contextvars import ContextVar
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from telegram.error import RetryAfter
from telegram.ext import BaseRateLimiter

log = logging.getLogger(__name__)

# Telegram's: about 30 messages a second for bulk notifications. Our choice: bulk keeps a
# little under it (as the reminder engine's own pace does), so jitter never makes a 31st.
BULK_PER_SECOND = 29
# our choice: while people are being answered, bulk leaves them room for more replies than
# the last second had: at least this many, or twice the square root of that count. Replies
# come unannounced, at random: a second with 10 on average often has 10 + 2 × √10 ≈ 16, and
# the reply that makes a 31st message meets a 429 and waits a whole second. Bulk keeps what
# is left (12 a second beside 10 replies); only replies near Telegram's 30 leave it nothing.
RESERVED_FOR_REPLIES = 4
# Telegram's: one message a second in a chat; our choice: a burst of 4 (a plan, its script,
# its checklist and a question can arrive together) refilled at 1 a second
CHAT_BURST = 4.0
CHAT_PER_SECOND = 1.0
# Telegram's: 20 messages a minute in a group (the bot only points groups to a private chat)
GROUP_PER_MINUTE = 20
# our choice: two retries after a 429, as AIORateLimiter's max_retries=2 did
MAX_RETRIES = 2
# Calls that send or change a message in a chat: the ones Telegram counts. Everything else
# (answerCallbackQuery, get*, set*, delete*) is free.
MESSAGE_METHODS = frozenset(
    {
        "sendMessage",
        "sendDocument",
        "sendPhoto",
        "sendMediaGroup",
        "sendChatAction",
        "copyMessage",
        "forwardMessage",
        "editMessageText",
        "editMessageReplyMarkup",
        "editMessageCaption",
        "editMessageMedia",
    }
)
# edits change a message already counted; they keep to the chat's pace but are no new
# message in the overall budget (our reading of the FAQ, which speaks of messages sent)
_NEW_MESSAGE = frozenset(m for m in MESSAGE_METHODS if not m.startswith("edit"))

# the chat whose update is in hand, and the task handling it: a job scheduled from a handler
# inherits the context, but its sends are no reply
_replying_to: ContextVar[tuple[int, asyncio.Task[Any] | None] | None] = ContextVar(
    "replying_to", default=None
)


@contextlib.contextmanager
def replying_to(chat_id: int | None) -> Iterator[None]:
    """While an update from ``chat_id`` is handled: its sends to that chat are replies."""
    token = _replying_to.set(None if chat_id is None else (chat_id, asyncio.current_task()))
    try:
        yield
    finally:
        _replying_to.reset(token)


def reply_reserve(replies: int) -> int:
    """The room bulk leaves for more replies, after ``replies`` in the last second."""
    return max(RESERVED_FOR_REPLIES, math.ceil(2 * math.sqrt(replies)))


@dataclass(slots=True)
class _Bucket:
    """A token bucket: ``capacity`` at once, refilled at ``rate`` a second."""

    capacity: float
    rate: float
    tokens: float
    at: float

    def wait(self, now: float) -> float:
        """Takes a token; returns how long to wait for it first (0: none)."""
        self.tokens = min(self.capacity, self.tokens + max(now - self.at, 0) * self.rate)
        self.at = now
        self.tokens -= 1
        return 0.0 if self.tokens >= 0 else -self.tokens / self.rate

    def full(self, now: float) -> bool:
        return self.tokens + (now - self.at) * self.rate >= self.capacity


class RepliesFirstLimiter(BaseRateLimiter[int]):
    """Replies never queue behind bulk sends; bulk is paced under Telegram's overall limit.

    ``rate_limit_args`` (an int), when given, is the number of retries after a 429.
    """

    def __init__(
        self,
        *,
        bulk_per_second: int = BULK_PER_SECOND,
        max_retries: int = MAX_RETRIES,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.bulk_per_second, self.max_retries, self.clock = bulk_per_second, max_retries, clock
        self._sent: deque[float] = deque()  # when each new message of the last second went
        self._replies: deque[float] = deque()  # the same, for replies only
        self._chats: dict[int | str, _Bucket] = {}
        self._held_until = 0.0  # a 429: bulk waits until then
        self._bulk = asyncio.Lock()  # bulk sends queue in order, one at a time to the budget
        self._pruned_at = 0.0

    async def initialize(self) -> None:
        return None

    async def shutdown(self) -> None:
        return None

    async def process_request(
        self,
        callback: Callable[..., Coroutine[Any, Any, bool | dict[str, Any] | list[dict[str, Any]]]],
        args: Any,
        kwargs: dict[str, Any],
        endpoint: str,
        data: dict[str, Any],
        rate_limit_args: int | None,
    ) -> bool | dict[str, Any] | list[dict[str, Any]]:
        retries = self.max_retries if rate_limit_args is None else rate_limit_args
        chat = data.get("chat_id")
        counted = endpoint in MESSAGE_METHODS and chat is not None
        bulk = counted and not self._is_reply(chat)
        for attempt in range(retries + 1):
            if counted:
                await self._take(endpoint, chat, bulk=bulk)
            try:
                return await callback(*args, **kwargs)
            except RetryAfter as error:
                wait = error.retry_after  # a timedelta (PTB_TIMEDELTA, set in bot/__init__)
                seconds = wait.total_seconds() if isinstance(wait, timedelta) else float(wait)
                self._held_until = max(self._held_until, self.clock() + seconds)
                if attempt == retries:
                    raise
                log.warning("Telegram asked to wait %.0f s (%s); trying again", seconds, endpoint)
                await asyncio.sleep(seconds + 0.1)
        raise AssertionError("unreachable")  # pragma: no cover

    @staticmethod
    def _is_reply(chat: object) -> bool:
        replying = _replying_to.get()
        if replying is None or replying[1] is not asyncio.current_task():
            return False
        return str(replying[0]) == str(chat)

    async def _take(self, endpoint: str, chat: object, *, bulk: bool) -> None:
        new_message = endpoint in _NEW_MESSAGE
        if bulk and new_message:
            async with self._bulk:
                await self._wait_for_room()
                self._sent.append(self.clock())
        elif new_message:
            self._prune(self.clock())
            self._sent.append(self.clock())
            self._replies.append(self.clock())
        if not new_message:
            return  # an edit (the tick under a tapped question) keeps no chat waiting
        delay = self._chat_bucket(chat).wait(self.clock())
        if delay > 0:
            await asyncio.sleep(delay)

    async def _wait_for_room(self) -> None:
        while True:
            now = self.clock()
            self._prune(now)
            if now < self._held_until:
                await asyncio.sleep(self._held_until - now)
            elif len(self._sent) >= self._bulk_room():
                await asyncio.sleep(self._sent[0] + 1.0 - now)
            else:
                return

    def _bulk_room(self) -> int:
        """How many messages of the last second (replies included) let one more bulk send go."""
        if self._replies:
            return self.bulk_per_second - reply_reserve(len(self._replies))
        return self.bulk_per_second

    def _prune(self, now: float) -> None:
        for sent in (self._sent, self._replies):
            while sent and sent[0] <= now - 1.0:
                sent.popleft()

    def _chat_bucket(self, chat: object) -> _Bucket:
        key: int | str = chat if isinstance(chat, int | str) else str(chat)
        now = self.clock()
        if now - self._pruned_at > 60:
            # a full bucket is the same as none: forget the chats that have been quiet
            self._pruned_at = now
            for quiet in [k for k, b in self._chats.items() if b.full(now)]:
                del self._chats[quiet]
        bucket = self._chats.get(key)
        if bucket is None:
            group = isinstance(key, str) or key < 0
            if group:
                bucket = _Bucket(GROUP_PER_MINUTE, GROUP_PER_MINUTE / 60, GROUP_PER_MINUTE, now)
            else:
                bucket = _Bucket(CHAT_BURST, CHAT_PER_SECOND, CHAT_BURST, now)
            self._chats[key] = bucket
        return bucket
