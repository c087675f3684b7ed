"""Transport failures of the offline Bot API that ``fail_next`` (an HTTP answer) cannot show.

- ``late``: the call reaches the offline Telegram, which does it (the person sees the
  message), but the answer comes after python-telegram-bot's read time-out: the bot gets
  ``TimedOut`` from ``httpx.ReadTimeout``, exactly as ``HTTPXRequest`` raises it.
- ``refused``: the connection is refused before anything is sent: ``NetworkError`` from
  ``httpx.ConnectError``, and Telegram never hears of the call.

Kept here, in the tests' support, so ``bot/offline`` stays as its owner has it.
"""

from __future__ import annotations

from typing import Any, Literal

import httpx
from telegram.error import NetworkError, TimedOut

from bot.offline import OfflineBotApi

How = Literal["late", "refused"]


class TransportFailures:
    """Wraps one ``OfflineBotApi``: the next calls of a method fail as planned, in order."""

    def __init__(self, api: OfflineBotApi) -> None:
        self._real = api.do_request
        self._planned: dict[str, list[How]] = {}
        self.seen: list[tuple[str, How]] = []
        # the instance attribute wins over the class's method: BaseRequest calls self.do_request
        setattr(api, "do_request", self._do_request)  # noqa: B010 (mypy: no method assign)

    def next(self, method: str, how: How, times: int = 1) -> None:
        self._planned.setdefault(method, []).extend([how] * times)

    async def _do_request(self, url: str, method: str, *args: Any, **kwargs: Any) -> Any:
        api_method = url.rsplit("/", 1)[-1]
        planned = self._planned.get(api_method)
        how = planned.pop(0) if planned else None
        if how == "refused":
            self.seen.append((api_method, how))
            raise NetworkError("httpx.ConnectError: [Errno 111] Connection refused") from (
                httpx.ConnectError("[Errno 111] Connection refused")
            )
        answer = await self._real(url, method, *args, **kwargs)
        if how == "late":
            self.seen.append((api_method, how))
            raise TimedOut from httpx.ReadTimeout("timed out")
        return answer
