"""A python-telegram-bot request that wraps another: the getUpdates connection that feeds the
inbox (``bot.jobs.heartbeat``) and the retrying one (``bot.adapters.retrying_request``) add
their behaviour to ``do_request``; time-outs, pooling and start/stop are ``inner``'s."""

from __future__ import annotations

from telegram.request import BaseRequest


class WrappedRequest(BaseRequest):
    """Everything but ``do_request`` is the inner request's."""

    def __init__(self, inner: BaseRequest) -> None:
        self.inner = inner

    @property
    def read_timeout(self) -> float | None:
        return self.inner.read_timeout

    async def initialize(self) -> None:
        await self.inner.initialize()

    async def shutdown(self) -> None:
        await self.inner.shutdown()
