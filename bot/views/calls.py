"""/calls: the call log as one message, newest first."""

from __future__ import annotations

from collections.abc import Sequence
from html import escape
from zoneinfo import ZoneInfo

from bot.texts.zh import settings as t
from bot.texts.zh.names import PRODUCT_NAMES
from bot.usecases.calls import LoggedCall
from bot.views.fmt import cn_date, listing


def call_line(call: LoggedCall, tz: ZoneInfo) -> str:
    local = call.called_at.astimezone(tz)
    line = t.CALL_LINE.format(
        when=f"{cn_date(local.date())} {local:%H:%M}",
        outcome=t.OUTCOMES.get(call.outcome, call.outcome),
    )
    # one call may settle several debts, each recorded on its own: name the debt
    if call.products:
        line += t.CALL_DEBTS.format(debts=listing(PRODUCT_NAMES[p] for p in call.products))
    if call.staff_id:
        line += t.CALL_STAFF.format(staff=escape(call.staff_id))
    if call.note:
        line += t.CALL_NOTE.format(note=escape(call.note))
    return line


def render_calls(calls: Sequence[LoggedCall], tz: ZoneInfo) -> str:
    if not calls:
        return t.CALLS_NONE
    return "\n".join([t.CALLS_TITLE, *(call_line(call, tz) for call in calls)])
