"""The call companion: the script as short cards, one step a message, and the agent's answers.

"📞 开始打电话" under a lender's script (and on /script) sends the first card; "下一步" sends the
next one and takes the tapped card's button away, so the chat reads as the call went. After
the last card the answers menu comes; tapping what the agent said edits that card in place
into the answer (worked out from the person's own numbers), with "换一个回答" to go back and
"挂电话前" for the close card, whose buttons go straight into the deal recording (its
``deal:outcome:*`` entry point: 谈好了 / 没谈成). "💬 打字版（在线客服）" sends the same request as
short paste-able messages.

Callback data (``bot.callbacks.CALL_PATTERN``) carries the lender's index and the step, so
nothing about the call is stored and a restart in the middle of a call loses nothing.
"""

from __future__ import annotations

from dataclasses import dataclass

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import ContextTypes

from bot import callbacks
from bot.adapters import keyboards
from bot.adapters.parts import send_parts
from bot.adapters.taps import answer, replace_keyboard, replace_text
from bot.domain.call_steps import AgentAnswer, CallStep, answers_for, step_after
from bot.domain.checklist import Material
from bot.domain.plan import build_plan
from bot.domain.reminders import CallAgainChoice
from bot.domain.script import LenderScript, build_call_scripts
from bot.services import services
from bot.texts.zh import common as c
from bot.usecases import cases
from bot.usecases import deals as deals_usecase
from bot.views.call_cards import (
    render_answer,
    render_answers_menu,
    render_card,
    render_chat_after,
    render_chat_intro,
    render_close,
    render_reminder_set,
)
from bot.views.chat import chat_pieces
from bot.views.fmt import day_and_time
from bot.views.plan import lender_labels


@dataclass(frozen=True, slots=True)
class _Call:
    """The lender's script being called about, as the user's case gives it today."""

    index: int
    script: LenderScript
    label: str
    materials: tuple[Material, ...]


async def _the_call(update: Update, context: ContextTypes.DEFAULT_TYPE, index: int) -> _Call | None:
    """Lender ``index``'s script from the planned case (None: no plan, or no such lender)."""
    assert update.effective_user is not None
    svc = services(context)
    case = await cases.planned_case(svc, update.effective_user.id)
    facts = case.facts() if case is not None else None
    if facts is None:
        return None
    today = svc.today()
    plan = build_plan(facts, today, max_periods=svc.settings.max_periods)
    scripts = build_call_scripts(facts, plan, today)
    if index >= len(scripts.scripts):
        return None
    s = scripts.scripts[index]
    labels = lender_labels(facts, [p.lender for p in plan.lenders])
    return _Call(index, s, labels[s.lender], scripts.materials)


async def _send(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message(text, reply_markup=markup)


async def tap_call(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """A tap in the call companion: the next card, an answer, the close card, a reminder."""
    query = update.callback_query
    assert query is not None
    tap = callbacks.read_call(update)
    call = await _the_call(update, context, tap.lender)
    if call is None:
        await answer(query)
        await _send(update, c.NO_PLAN_YET)
        return
    if tap.remind is not None:
        await _remind(update, context, call, tap.remind)
    elif tap.step is None:
        assert tap.answer is not None
        await answer(query)
        await _show_answer(update, call, tap.answer)
    elif tap.step is CallStep.CHAT:
        await answer(query)
        await send_chat_version(update, call)
    else:
        await answer(query)
        await _show_step(update, call, tap.step, tap.answer)


async def _show_step(
    update: Update, call: _Call, step: CallStep, after: AgentAnswer | None
) -> None:
    """A card of the call as a new message; the answers menu, coming back from an answer, in
    place of that answer."""
    query = update.callback_query
    assert query is not None
    k = call.index
    if step is CallStep.ANSWERS:
        text = render_answers_menu(call.label)
        markup = keyboards.call_answers(k, answers_for(call.script))
        if after is not None:  # back from an answer or the close card: that card becomes it
            await replace_text(query, text, markup)
            return
        await replace_keyboard(query, None)
        await _send(update, text, markup)
        return
    if step is CallStep.CLOSE:
        await replace_keyboard(query, None)
        await _send(
            update, render_close(call.script, call.label, after), keyboards.call_close(k, after)
        )
        return
    if step is not CallStep.DIAL:
        # the card before keeps its words, not its button; the script keeps all of its own
        await replace_keyboard(query, None)
    markup = keyboards.call_card(k, step, step_after(call.script, step))
    await _send(update, render_card(call.script, call.label, call.materials, step), markup)


async def _show_answer(update: Update, call: _Call, said: AgentAnswer) -> None:
    """What to say back, in place of the answers menu (or the answer shown before)."""
    query = update.callback_query
    assert query is not None
    text = render_answer(call.script, call.materials, said)
    await replace_text(query, text, keyboards.call_after_answer(call.index, said))


async def _remind(
    update: Update, context: ContextTypes.DEFAULT_TYPE, call: _Call, choice: CallAgainChoice
) -> None:
    """要回电: queues the reminder to call again; the card says when, without the choices."""
    query = update.callback_query
    assert query is not None and update.effective_user is not None
    await answer(query)
    svc = services(context)
    at = await deals_usecase.remind_to_call_again(svc, update.effective_user.id, choice)
    when = day_and_time(at.astimezone(svc.tz), svc.today())
    said = render_answer(call.script, call.materials, AgentAnswer.CALL_BACK)
    text = render_reminder_set(said, when)
    markup = keyboards.call_after_answer(call.index, AgentAnswer.CALL_BACK, reminded=True)
    await replace_text(query, text, markup)


async def send_chat_version(update: Update, call: _Call) -> None:
    """The typed version: where to type, then each piece as its own message (a long-press
    copies one), then how to answer what comes back."""
    s = call.script
    assert update.effective_chat is not None
    texts = [render_chat_intro(s, call.label), *chat_pieces(s), render_chat_after(s)]
    await send_parts(update.effective_chat, texts, keyboards.call_chat_after(call.index))


async def tap_chat_version(update: Update, context: ContextTypes.DEFAULT_TYPE, index: int) -> None:
    """The typed version for lender ``index`` (the button under a script)."""
    call = await _the_call(update, context, index)
    if call is None:
        await _send(update, c.NO_PLAN_YET)
        return
    await send_chat_version(update, call)
