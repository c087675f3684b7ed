"""The typed version of a call, to paste into the lender's online service chat."""

from __future__ import annotations

from bot.domain.plan import Recommendation
from bot.domain.script import LenderScript
from bot.texts.zh.lenders import CHAT_ENTRY
from bot.texts.zh.speech import (
    BREAKDOWN,
    CHECK_TOTAL,
    NOT_REFUSING,
    PENALTY_WORD,
    opening,
    reason_sentences,
    short_call,
)
from bot.views.fmt import month_day, yuan

CARD_CHAT = "想申请按《商业银行信用卡业务监督管理办法》第七十条的个性化分期，并签书面协议。"
SAYABLE_PERIODS = 120


def _ask(s: LenderScript) -> str:
    ask = s.ask
    if ask.kind is Recommendation.PAUSE:
        token = f"这期间每月先还 {yuan(ask.token_fen)}，" if ask.token_fen else ""
        return f"我想申请先暂缓 {ask.pause_months} 个月，{token}到时我会主动联系你们商量怎么还。"
    if ask.kind is Recommendation.LONG_INSTALLMENTS:
        sayable = ask.periods and ask.periods <= SAYABLE_PERIODS
        periods = f"，大约要 {ask.periods} 期" if sayable else ""
        return f"我每月最多能还 {yuan(ask.monthly_fen or 0)}，想申请按这个金额长期分期{periods}。"
    last = f"，最后一期 {yuan(ask.last_fen)}" if ask.last_fen is not None else ""
    first = ask.first_due
    assert first is not None
    return (
        f"我想申请分 {ask.periods} 期还清，每月还 {yuan(ask.monthly_fen or 0)}{last}，"
        f"第一期在 {month_day(first)}。"
    )


def render_chat_text(s: LenderScript) -> str:
    """The same request as the call, as one message."""
    if s.ask.kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW):
        return "".join(short_call(s)) + "谢谢。"
    word = PENALTY_WORD[s.lender.kind]
    parts = [
        opening(s),
        *reason_sentences(s.reason, s.ask.kind),
        NOT_REFUSING,
        f"{CHECK_TOTAL}{BREAKDOWN[s.lender.kind]}",
        _ask(s),
    ]
    if s.is_card and s.ask.kind is not Recommendation.PAUSE:
        parts.append(CARD_CHAT)
    parts += [f"已经产生的{word}，能不能帮我申请减免？", "谢谢。"]
    return "".join(parts)


def chat_intro(s: LenderScript, label: str) -> str:
    """The line above the paste-able text: where to send it, and how to answer."""
    quick = s.ask.kind in (Recommendation.PAY_NOW, Recommendation.PART_NOW)
    answer = (
        "对方回复后如实回答；对方提的金额或日期，先对照你的方案，别答应还不起的数。"
        if quick
        else "对方回复后，照通话稿里“对方可能这样说”回答。"
    )
    return (
        f"<b>💬 {label}：不想打电话，可以打字</b>\n"
        f"打开{CHAT_ENTRY[s.lender.kind]}，把下一条消息复制过去发送。{answer}"
    )
