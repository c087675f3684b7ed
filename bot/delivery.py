"""What a Bot API failure says about delivery, for every layer (the reminder job included,
which may not import the adapters): see ``bot.adapters.retrying_request``."""

from __future__ import annotations

from telegram.error import TimedOut


class DeliveryUnknown(TimedOut):
    """A call that changes something (a message sent) may have been carried out; it was not
    sent again. Raised by the request layer; the cause is the original error.

    A plain ``TimedOut`` or ``NetworkError`` out of the request layer, by contrast, is a call
    that certainly was not carried out (nothing sent, or a 5xx) through every try, or an
    idempotent one that it was safe to try again.
    """

    def __init__(self, method: str, reason: str) -> None:
        super().__init__(f"{method} may have been carried out ({reason}); not sent again")
        self.method = method
