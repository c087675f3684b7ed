"""Bot API calls that failed on the way are tried again, when that cannot make a duplicate.

``RetryingRequest`` is a python-telegram-bot ``BaseRequest`` around the real one (HTTPX in
production, the offline Bot API in tests). It sits *under* the rate limiter: the limiter
paces ``Bot`` methods, this layer does their HTTP, so one paced call may be a few HTTP
tries. A 429 is not ours: it is returned as it came, PTB raises ``RetryAfter`` and the
limiter waits it out.

What a failure says about the call
----------------------------------
PTB's ``HTTPXRequest`` raises ``TimedOut`` or ``NetworkError`` with the httpx exception as
``__cause__``; an answer with a status is returned as ``(status, body)`` and mapped by
``BaseRequest`` afterwards. From those:

- **not done** (nothing reached Telegram, or Telegram said it failed):
  ``httpx.ConnectError``, ``ConnectTimeout``, ``PoolTimeout`` (PTB's own message: "Request
  was *not* sent"), ``ProxyError`` (the proxy refused to connect) — nothing was sent; HTTP
  500, 502 and 503 — Telegram answered that the call failed. Telegram documents no
  idempotency for 5xx; taking them as "not done" is our choice, from what they are (the
  Bot API server's own error, or its gateway finding no server).
- **outcome unknown** (the request may have been carried out, the answer was lost):
  ``ReadTimeout``, ``ReadError``, ``RemoteProtocolError`` ("server disconnected without
  sending a response"), ``WriteTimeout``/``WriteError`` (counted here too: which bytes got
  through is not known to us), any other or unrecognised network error, and HTTP 504 (a
  gateway that stopped waiting; the server behind it may still act).
- **not transient**: every other answer (400, 401/404 a rejected token, 403, 409, 429 …) and
  errors of our own making (``UnsupportedProtocol``, ``LocalProtocolError`` …): returned or
  raised at once, untouched.

How each method is treated
--------------------------
``TRIES`` (5) tries at most, ``DELAYS`` apart, each delay jittered (×0.5 to ×1.5): at most
about 1.7 s of waiting in all (1.1 s typically), well under the time a person waits for a
reply. Our choice: Telegram documents no retry policy for 5xx.

========================  =====================  ========================================
method                    retried when           why
========================  =====================  ========================================
getUpdates                never (passed through) PTB's Updater retries it in its polling
                                                 loop; a long poll's time-out is normal
get* (getMe, getMy…)      not done or unknown    read only: asking again changes nothing
                                                 (Telegram's documented semantics)
answerCallbackQuery       not done or unknown    a second answer to an answered query is
                                                 refused with 400 "query is too old … or
                                                 query ID is invalid", which the taps take
                                                 as harmless (our choice; the spinner
                                                 stops either way)
edit* (editMessageText,   not done or unknown    the same edit again: Telegram answers 400
editMessageReplyMarkup …)                        "message is not modified", harmless for
                                                 every caller (taps.is_harmless)
delete* (deleteMessage,   not done or unknown    deleting again: 400 "message to delete
deleteWebhook …)                                 not found", which the callers count as
                                                 gone; deleteWebhook/deleteMyCommands are
                                                 idempotent by definition
set* (setMyCommands,      not done or unknown    setting the same value again is the same
setMyDescription,                                state (idempotent by definition)
setWebhook …)
sendChatAction            not done or unknown    our choice: a second "typing…" is
                                                 invisible
everything else:          not done only          a second sendMessage is a second message:
sendMessage, sendDocument,                       Telegram has no idempotency key. When the
sendPhoto, forward*,                             outcome is unknown the call is **never**
copy*, close, logOut …                           sent again: ``DeliveryUnknown`` is raised
                                                 (one possibly missing message rather than
                                                 a duplicate)
========================  =====================  ========================================

Whatever is still failing after the last try is raised (or returned) as PTB would have
done without this layer, so callers see the same ``NetworkError``/``TimedOut`` as before;
``DeliveryUnknown`` is a ``TimedOut``.
"""

from __future__ import annotations

import asyncio
import enum
import logging
import random
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from http import HTTPStatus

import httpx
from telegram.error import NetworkError
from telegram.request import BaseRequest, RequestData

from bot.delivery import DeliveryUnknown
from bot.wrapped_request import WrappedRequest

log = logging.getLogger(__name__)
__all__ = ["TRIES", "Backoff", "DeliveryUnknown", "Outcome", "RetryingRequest", "is_idempotent"]

# seconds before the 2nd … 5th try, before jitter: at 10 % of independent 5xx, five in a row
# (a call that still fails) is one call in 100,000; four would be one in 10,000
DELAYS = (0.05, 0.15, 0.3, 0.6)
TRIES = len(DELAYS) + 1
_NOT_SENT = (httpx.ConnectError, httpx.ConnectTimeout, httpx.PoolTimeout, httpx.ProxyError)
_OURS = (httpx.UnsupportedProtocol, httpx.LocalProtocolError, httpx.InvalidURL)
_NOT_DONE_STATUSES = (
    HTTPStatus.INTERNAL_SERVER_ERROR,
    HTTPStatus.BAD_GATEWAY,
    HTTPStatus.SERVICE_UNAVAILABLE,
)
_IDEMPOTENT_PREFIXES = ("get", "edit", "delete", "set")
_IDEMPOTENT = frozenset({"answercallbackquery", "sendchataction"})
_PASSED_THROUGH = frozenset({"getupdates"})


class Outcome(enum.Enum):
    NOT_DONE = "not done"
    UNKNOWN = "outcome unknown"


def is_idempotent(method: str) -> bool:
    """Whether calling ``method`` twice leaves Telegram as calling it once (see the table)."""
    name = method.lower()
    return name in _IDEMPOTENT or name.startswith(_IDEMPOTENT_PREFIXES)


def outcome_of_error(error: Exception) -> Outcome | None:
    """What a raised error says about the call; None: not a transient failure."""
    if not isinstance(error, NetworkError):
        return None  # RuntimeError of a closed client and the like: a bug, not the network
    cause = error.__cause__
    if isinstance(cause, _NOT_SENT):
        return Outcome.NOT_DONE
    if isinstance(cause, _OURS):
        return None
    return Outcome.UNKNOWN


def outcome_of_status(status: int) -> Outcome | None:
    """What an HTTP status says about the call; None: an answer to pass on as it is."""
    if status in _NOT_DONE_STATUSES:
        return Outcome.NOT_DONE
    if status == HTTPStatus.GATEWAY_TIMEOUT:
        return Outcome.UNKNOWN
    if status >= 500:
        return Outcome.NOT_DONE
    return None


def _reason(error: Exception | None, status: int | None) -> str:
    if status is not None:
        return f"HTTP {status}"
    assert error is not None
    cause = error.__cause__
    return type(cause).__name__ if cause is not None else type(error).__name__


@dataclass(frozen=True)
class Backoff:
    """How long to wait between tries (one delay a retry); tests pass a ``sleep`` that does
    not wait."""

    delays: tuple[float, ...] = DELAYS
    sleep: Callable[[float], Awaitable[None]] = asyncio.sleep
    jitter: Callable[[], float] = field(default=random.random)

    def delay(self, retry: int) -> float:
        """Seconds before retry number ``retry`` (0: the second try), ×0.5 to ×1.5."""
        return self.delays[retry] * (0.5 + self.jitter())


class RetryingRequest(WrappedRequest):
    """The inner request, with transient failures tried again as the module says."""

    def __init__(self, inner: BaseRequest, backoff: Backoff | None = None) -> None:
        super().__init__(inner)
        self.backoff = backoff or Backoff()

    async def do_request(
        self,
        url: str,
        method: str,
        request_data: RequestData | None = None,
        read_timeout: object = BaseRequest.DEFAULT_NONE,
        write_timeout: object = BaseRequest.DEFAULT_NONE,
        connect_timeout: object = BaseRequest.DEFAULT_NONE,
        pool_timeout: object = BaseRequest.DEFAULT_NONE,
    ) -> tuple[int, bytes]:
        api_method = url.rsplit("/", 1)[-1]

        async def once() -> tuple[int, bytes]:
            return await self.inner.do_request(
                url,
                method,
                request_data,
                read_timeout,  # type: ignore[arg-type]
                write_timeout,  # type: ignore[arg-type]
                connect_timeout,  # type: ignore[arg-type]
                pool_timeout,  # type: ignore[arg-type]
            )

        if api_method.lower() in _PASSED_THROUGH:
            return await once()
        idempotent = is_idempotent(api_method)
        retries = len(self.backoff.delays)
        for retry in range(retries + 1):
            error: NetworkError | None = None
            status: int | None = None
            try:
                answer = await once()
            except NetworkError as raised:
                outcome = outcome_of_error(raised)
                if outcome is None:
                    raise
                error = raised
            else:
                outcome = outcome_of_status(answer[0])
                if outcome is None:
                    return answer
                status = answer[0]
            reason = _reason(error, status)
            if outcome is Outcome.UNKNOWN and not idempotent:
                log.info("Bot API %s: %s, outcome unknown: not sent again", api_method, reason)
                raise DeliveryUnknown(api_method, reason) from error
            if retry == retries:
                break
            delay = self.backoff.delay(retry)
            log.info(
                "Bot API %s: %s (%s), try %d of %d in %.2f s",
                api_method,
                reason,
                outcome.value,
                retry + 2,
                retries + 1,
                delay,
            )
            await self.backoff.sleep(delay)
        log.info("Bot API %s: still failing after %d tries (%s)", api_method, retries + 1, reason)
        if error is not None:
            raise error
        return answer
