"""🎭 先练一练, message by message: the agent's line, the coach's note, the score.

Everything comes from the person's own plan (``LenderScript``, ``Figures``) and the pure
policy in ``bot.domain.rehearsal``; the words are in ``bot.texts.zh.rehearsal``, the
suggested sentences are the call script's own. No message echoes what the person typed.
"""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.checklist import Material
from bot.domain.plan import Recommendation
from bot.domain.rehearsal import (
    Check,
    Coaching,
    Figures,
    Note,
    Rehearsal,
    Response,
    Step,
    score,
)
from bot.domain.script import LenderScript
from bot.texts.zh import rehearsal as t
from bot.texts.zh import script as script_t
from bot.texts.zh.speech import PENALTY_WORD
from bot.views.checklist import at_hand
from bot.views.fmt import month_day, yuan
from bot.views.speech import opening, reason_sentences

# at most this many of the four done: a kind word that practice is for this
LOW_SCORE = 2


def _agent(line: str) -> str:
    return t.AGENT.format(line=line)


def _coach(note: str) -> str:
    return t.COACH.format(note=note)


def _response_line(s: LenderScript, f: Figures, response: Response, papers: str) -> str:
    if response is Response.ONLY_TWELVE:
        assert f.twelve_fen is not None
        return t.ONLY_TWELVE.format(twelve=yuan(f.twelve_fen))
    if response is Response.PART_FIRST:
        return t.PART_FIRST.format(demand=yuan(f.demand_fen))
    if response is Response.NO_WAIVER:
        return t.NO_WAIVER.format(penalty=PENALTY_WORD[s.lender.kind])
    if response is Response.PAPERS:
        return t.PAPERS.format(materials=papers)
    if response is Response.REFUSES:
        return t.REFUSES
    if f.kind is Recommendation.PAUSE:
        return t.AGREES_PAUSE.format(months=f.pause_months)
    if (
        f.periods is not None
        and f.first_due is not None
        and f.kind is not (Recommendation.LONG_INSTALLMENTS)
    ):
        return t.AGREES_INSTALLMENTS.format(
            periods=f.periods, amount=yuan(f.monthly_fen), first=month_day(f.first_due)
        )
    return t.AGREES_LONG.format(amount=yuan(f.monthly_fen))


def _papers(materials: Sequence[Material]) -> str:
    """The proofs an agent asks for: not the ID card, not the person's own summary."""
    wanted = [m for m in materials if m not in (Material.ID_CARD, Material.OWN_SUMMARY)]
    return at_hand(wanted) or t.PAPERS_DEFAULT


def agent_line(s: LenderScript, f: Figures, state: Rehearsal, materials: Sequence[Material]) -> str:
    """What the agent says to ask the question the person is at."""
    step = state.step
    if step is Step.OPENING:
        return t.AGENT_OPENING[s.lender.kind]
    if step is Step.IDENTITY:
        return t.AGENT_IDENTITY
    if step is Step.REASON:
        return t.AGENT_REASON
    if step is Step.AMOUNT:
        return t.AGENT_AMOUNT
    if step is Step.RESPONSE:
        return _response_line(s, f, state.response, _papers(materials))
    return t.AGENT_CLOSING


def question(s: LenderScript, f: Figures, state: Rehearsal, materials: Sequence[Material]) -> str:
    return _agent(agent_line(s, f, state, materials))


def first_message(
    s: LenderScript, f: Figures, state: Rehearsal, materials: Sequence[Material]
) -> str:
    """Said once, first: this is practice, how to answer the identity check; then the agent."""
    return f"{t.INTRO}\n\n{question(s, f, state, materials)}"


def _pause_sentence(f: Figures) -> str:
    if f.monthly_fen:
        return script_t.PAUSE_TOKEN.format(months=f.pause_months, amount=yuan(f.monthly_fen))
    return script_t.PAUSE.format(months=f.pause_months)


def _counter(s: LenderScript, f: Figures, response: Response) -> str:
    """The script's answer to the agent's bigger demand."""
    if response is Response.ONLY_TWELVE and f.twelve_fen is not None:
        return script_t.TWELVE.format(twelve=yuan(f.twelve_fen), limit=yuan(f.max_fen))
    if f.kind is Recommendation.PAUSE:
        return script_t.CANNOT_PAY_NOW
    return script_t.PART_FIRST.format(when="", amount=yuan(f.part_now_fen))


def _recap(f: Figures) -> str:
    if f.kind is Recommendation.PAUSE:
        return script_t.RECAP_PAUSE.format(months=f.pause_months)
    if f.kind is Recommendation.LONG_INSTALLMENTS or f.first_due is None:
        return script_t.RECAP_OPEN
    return script_t.RECAP.format(
        amount=yuan(f.monthly_fen), periods=f.periods, first=month_day(f.first_due)
    )


def _tip(s: LenderScript, f: Figures, response: Response) -> str:
    if response is Response.AGREES:
        said = _recap(f)
    elif response in (Response.ONLY_TWELVE, Response.PART_FIRST):
        said = _counter(s, f, response)
    elif response is Response.NO_WAIVER:
        said = script_t.PENALTY_INTO_INSTALLMENTS.format(penalty=PENALTY_WORD[s.lender.kind])
    elif response is Response.PAPERS:
        said = t.PAPERS_SAY
    else:
        said = "".join(script_t.IF_REFUSED_SAID)
    return t.RESPONSE_TIP[response].format(say=said)


def coach_note(s: LenderScript, f: Figures, state: Rehearsal, coaching: Coaching) -> str:
    """The coach's one or two lines on the reply to ``state``'s question."""
    note = coaching.note
    amount = yuan(coaching.amount_fen) if coaching.amount_fen is not None else ""
    monthly, most = yuan(f.monthly_fen), yuan(f.max_fen)
    pause = f.kind is Recommendation.PAUSE
    texts: dict[Note, str] = {
        Note.OPENING_GOOD: t.OPENING_GOOD,
        Note.OPENING_TIP: t.OPENING_TIP.format(opening=opening(s)),
        Note.IDENTITY_OK: t.IDENTITY_OK,
        Note.IDENTITY_DIGITS: t.IDENTITY_DIGITS,
        Note.REASON_GOOD: t.REASON_GOOD,
        Note.REASON_SHORT: t.REASON_TIP.format(reason=reason_sentences(s.reason, s.ask.kind)[0]),
        Note.AMOUNT_SAID: t.AMOUNT_SAID.format(amount=amount),
        Note.AMOUNT_LOWER: t.AMOUNT_LOWER.format(amount=amount, monthly=monthly),
        Note.AMOUNT_CEILING: t.AMOUNT_CEILING.format(amount=amount, most=most, monthly=monthly),
        Note.BORROWING: t.BORROWING,
        Note.GUARANTEE: t.GUARANTEE.format(monthly=monthly),
        Note.AMOUNT_MISSING: (
            t.PAUSE_TIP.format(pause=_pause_sentence(f))
            if pause
            else t.AMOUNT_TIP.format(monthly=monthly)
        ),
        Note.PAUSE_SAID: t.PAUSE_SAID,
        Note.OVER_NUMBER: t.OVER_NUMBER.format(amount=amount, most=most),
        Note.OVER_AGREED: t.OVER_AGREED.format(
            amount=amount, most=most, counter=_counter(s, f, state.response)
        ),
        Note.RESPONSE_GOOD: t.RESPONSE_GOOD[state.response],
        Note.RESPONSE_TIP: _tip(s, f, state.response),
        Note.CLOSING_BOTH: t.CLOSING_BOTH,
        Note.CLOSING_STAFF: t.CLOSING_MISSING.format(say=script_t.ASK_STAFF_ID),
        Note.CLOSING_WRITING: t.CLOSING_MISSING.format(say=script_t.ASK_IN_WRITING),
        Note.CLOSING_NEITHER: t.CLOSING_MISSING.format(say=script_t.ASK_ID_AND_SMS),
    }
    return _coach(texts[note])


def score_text(f: Figures, coaching: Coaching) -> str:
    """The end: how many of the four things were done, and the one thing to do better."""
    result = score(coaching.done)
    checks = "\n".join(
        (t.CHECK_DONE if check in result.done else t.CHECK_MISSED).format(
            check=t.CHECK_NAMES[check]
        )
        for check in Check
    )
    better_check = result.to_improve
    if better_check is None:
        better = t.ALL_DONE
    elif better_check is Check.AMOUNT and f.kind is Recommendation.PAUSE:
        better = t.BETTER.format(what=t.BETTER_PAUSE_AMOUNT)
    else:
        what = t.BETTER_WHAT[better_check].format(most=yuan(f.max_fen), monthly=yuan(f.monthly_fen))
        better = t.BETTER.format(what=what)
    text = t.SCORE.format(points=result.points, checks=checks, better=better)
    if result.points <= LOW_SCORE:
        text = f"{text}\n{t.KEEP_GOING}"
    return f"{text}\n{t.AFTER}"


def reply_message(
    s: LenderScript,
    f: Figures,
    state: Rehearsal,
    coaching: Coaching,
    after: Rehearsal | None,
    materials: Sequence[Material],
) -> str:
    """The coach's note on the reply, then the agent's next line, or the score at the end."""
    note = coach_note(s, f, state, coaching)
    if after is None:
        return f"{note}\n\n{score_text(f, coaching)}"
    return f"{note}\n\n{question(s, f, after, materials)}"
