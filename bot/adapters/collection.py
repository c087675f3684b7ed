"""📒 记录一次催收 (/collector, and the button under the worries about family and complaints).

A persistent conversation ("collector"): when, how, (for a call) picked up or how many
rings, the number or name, what happened (several buttons, then 完成), a note; then the
entry is stored and checked against the collection rules with the rest of its day. Every
answer is written to the draft in the database with the next question's place, so a
restart resumes at the question last shown.

It is registered after the intake, the deal, /update and the rehearsal: while one of the
first three is open it takes the user's text first, so /collector then says "finish that
first"; one that opens while a contact is being logged ends this conversation
(``leave_when_elsewhere``, in a group after the conversations). The privacy guard (group -2)
deletes ID or card numbers and codes before any answer reaches this module, and the
storage boundary makes every free text safe to keep.
"""

from __future__ import annotations

import re
import unicodedata
from datetime import UTC, datetime
from enum import IntEnum
from typing import Any

from telegram import InlineKeyboardMarkup, Update
from telegram.ext import (
    Application,
    BaseHandler,
    CommandHandler,
    ContextTypes,
    ConversationHandler,
    MessageHandler,
)

from bot import callbacks as cb
from bot.adapters import keyboards
from bot.adapters.conversation import (
    button,
    conversation_key,
    message_text,
    persistent_conversation,
    user_id_of,
)
from bot.adapters.filters import NOT_TEXT, PRIVATE, TEXT_ANSWER
from bot.adapters.taps import acknowledge, answer, replace_text
from bot.domain.collection import MAX_ATTEMPTS, Behaviour, Channel, Contact
from bot.domain.collection_time import TimeError, read_contact_time
from bot.domain.dates import small_int
from bot.domain.parsing import ParseError, ParseProblem
from bot.services import services
from bot.texts.zh import collection as t
from bot.texts.zh import export as export_texts
from bot.usecases import collection as usecase
from bot.usecases.places import Place, open_conversations, saved_state
from bot.views import collection as view

END = ConversationHandler.END
CONVERSATION_NAME = usecase.CONVERSATION_NAME
# while one of these has a question open, /collector waits ("finish that first")
_BEFORE = frozenset({"intake", "deal", "update"})
# the log's own buttons; a tap on any other ends it
_OWN_BUTTONS = "collect:"
MAX_WHO_CHARS = 40
MAX_NOTE_CHARS = 200
_NOISE = re.compile(r"[\s,.!?;:~、，。！？；：～…\"'“”‘’()（）]+|[吧啊呀哦呢啦嘛哈]+$")
_ATTEMPTS = re.compile(
    r"(?:打了|一共|共)?([0-9零〇一二两三四五六七八九十]{1,3})(?:次|个|遍|回)?(?:左右|多)?"
)


class CollectorState(IntEnum):
    """Stored in the database: never renumber."""

    ASK_WHEN = 1
    ASK_TIME = 2
    ASK_CHANNEL = 3
    ASK_ANSWERED = 4
    ASK_ATTEMPTS = 5
    ASK_WHO = 6
    ASK_WHAT = 7
    ASK_NOTE = 8


S = CollectorState


def _place(update: Update, state: CollectorState | None) -> Place:
    return Place(CONVERSATION_NAME, conversation_key(update), None if state is None else int(state))


def _folded(text: str) -> str:
    return _NOISE.sub("", unicodedata.normalize("NFKC", text).lower())


async def _send(update: Update, text: str, markup: InlineKeyboardMarkup | None = None) -> None:
    assert update.effective_chat is not None
    await update.effective_chat.send_message(text, reply_markup=markup)


# ---- keyboards ------------------------------------------------------------------------------


def _when_buttons(logged: int) -> InlineKeyboardMarkup:
    rows = [
        [
            (t.WHEN_NOW, cb.COLLECTOR_WHEN.data("now")),
            (t.WHEN_TODAY, cb.COLLECTOR_WHEN.data("today")),
        ],
        [(t.WHEN_TYPE, cb.COLLECTOR_WHEN.data("type"))],
    ]
    if logged:
        rows.append([(t.LIST_BUTTON.format(count=logged), cb.COLLECTOR_LIST.data)])
    return keyboards.rows_markup(rows)


def _channel_buttons() -> InlineKeyboardMarkup:
    buttons = [(label, cb.COLLECTOR_CHANNEL.data(c)) for c, label in t.CHANNELS.items()]
    return keyboards.rows_markup([buttons[:2], buttons[2:4], buttons[4:]])


def _answered_buttons() -> InlineKeyboardMarkup:
    return keyboards.grid(
        [
            (t.ANSWERED_YES, cb.COLLECTOR_ANSWERED.data(True)),
            (t.ANSWERED_NO, cb.COLLECTOR_ANSWERED.data(False)),
        ]
    )


def _attempt_buttons() -> InlineKeyboardMarkup:
    return keyboards.grid(
        [(label, cb.COLLECTOR_ATTEMPTS.data(n)) for label, n in t.ATTEMPT_BUTTONS], 4
    )


def _skip_button() -> InlineKeyboardMarkup:
    return keyboards.grid([(t.SKIP, cb.COLLECTOR_SKIP.data)], 1)


def _what_buttons(chosen: set[Behaviour]) -> InlineKeyboardMarkup:
    buttons = [
        ((t.CHOSEN_MARK if b in chosen else "") + label, cb.COLLECTOR_BEHAVIOUR.data(b))
        for b, label in t.BEHAVIOURS.items()
    ]
    rows = [buttons[i : i + 2] for i in range(0, len(buttons), 2)]
    rows.append([(t.DONE, cb.COLLECTOR_DONE.data)])
    return keyboards.rows_markup(rows)


# ---- the questions ------------------------------------------------------------------------


async def _ask(
    update: Update, context: ContextTypes.DEFAULT_TYPE, state: CollectorState, before: str = ""
) -> int:
    """Saves the place and asks the question of ``state`` (after a one-line reason)."""
    svc = services(context)
    user_id = user_id_of(update)
    data = await usecase.draft(svc, user_id)
    await usecase.answer(svc, user_id, {}, _place(update, state))
    question: tuple[str, InlineKeyboardMarkup | None]
    if state is S.ASK_WHEN:
        logged = len(await usecase.whole_log(svc, user_id))
        question = (t.ASK_WHEN, _when_buttons(logged))
    elif state is S.ASK_TIME:
        question = (t.ASK_TIME_TODAY if data.get("today") else t.ASK_TIME, None)
    elif state is S.ASK_CHANNEL:
        question = (t.ASK_CHANNEL, _channel_buttons())
    elif state is S.ASK_ANSWERED:
        question = (t.ASK_ANSWERED, _answered_buttons())
    elif state is S.ASK_ATTEMPTS:
        question = (t.ASK_ATTEMPTS, _attempt_buttons())
    elif state is S.ASK_WHO:
        question = (t.ASK_WHO, _skip_button())
    elif state is S.ASK_WHAT:
        question = (t.ASK_WHAT, _what_buttons(_chosen(data)))
    else:
        question = (t.ASK_NOTE, _skip_button())
    text, markup = question
    await _send(update, f"{before}\n\n{text}" if before else text, markup)
    return state


def _chosen(data: dict[str, object]) -> set[Behaviour]:
    raw = data.get("did")
    return (
        {Behaviour(v) for v in raw if v in Behaviour._value2member_map_}
        if isinstance(raw, list)
        else set()
    )


async def _other_question_open(update: Update, context: ContextTypes.DEFAULT_TYPE) -> bool:
    return bool(await open_conversations(services(context), conversation_key(update)) & _BEFORE)


async def cmd_collector(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/collector: the first question (when?); /collector list: the log."""
    if context.args and _folded(" ".join(context.args)) in t.LIST_WORDS:
        await show_list(update, context)
        state = await saved_state(services(context), CONVERSATION_NAME, conversation_key(update))
        return END if state is None else state
    return await _start(update, context)


async def tap_start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """📒 记录一次催收 under a worry: the first question."""
    assert update.callback_query is not None
    await answer(update.callback_query)
    return await _start(update, context)


async def _start(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    assert update.effective_chat is not None
    if await _other_question_open(update, context):
        await _send(update, t.BUSY)
        return END
    svc = services(context)
    logged = await usecase.start(
        svc, user_id_of(update), update.effective_chat.id, _place(update, S.ASK_WHEN)
    )
    await _send(update, t.ASK_WHEN, _when_buttons(logged))
    return S.ASK_WHEN


async def show_list(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """The last entries of the log, each with the rules it breaks."""
    if update.callback_query is not None:
        await answer(update.callback_query)
    entries = await usecase.whole_log(services(context), user_id_of(update))
    await _send(update, view.log_list(entries), _export_button() if entries else None)


def _export_button() -> InlineKeyboardMarkup:
    """📄 导出投诉用的记录: the log, with the rest of the record, as a file to complain with."""
    return keyboards.rows_markup([[(export_texts.BUTTON, cb.EXPORT.data)]])


# ---- when --------------------------------------------------------------------------------


async def _when_known(update: Update, context: ContextTypes.DEFAULT_TYPE, moment: datetime) -> int:
    await usecase.answer(
        services(context),
        user_id_of(update),
        {"at": int(moment.timestamp())},
        _place(update, S.ASK_CHANNEL),
    )
    return await _ask(update, context, S.ASK_CHANNEL)


async def tap_when(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """刚才 / 今天早些时候 / 写个时间."""
    choice = cb.COLLECTOR_WHEN.read(update)
    label = {"now": t.WHEN_NOW, "today": t.WHEN_TODAY, "type": t.WHEN_TYPE}[choice]
    await acknowledge(update, echo=t.ECHO_WHEN.format(answer=label))
    if choice == "now":
        return await _when_known(update, context, services(context).now())
    svc = services(context)
    await usecase.answer(
        svc, user_id_of(update), {"today": choice == "today"}, _place(update, S.ASK_TIME)
    )
    return await _ask(update, context, S.ASK_TIME)


async def receive_time(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A typed time ("昨晚11点", "今天上午10点"); at the first question too."""
    svc = services(context)
    state = await saved_state(svc, CONVERSATION_NAME, conversation_key(update))
    text = message_text(update)
    data = await usecase.draft(svc, user_id_of(update))
    if data.get("today") and not re.match(r"\s*(今|昨|前|\d+月|\d{4})", text):
        text = "今天" + text
    try:
        moment = read_contact_time(text, svc.now())
    except TimeError as error:
        again = S.ASK_TIME if state == S.ASK_TIME else S.ASK_WHEN
        return await _ask(update, context, again, t.TIME_PROBLEMS[error.problem])
    return await _when_known(update, context, moment)


# ---- how -------------------------------------------------------------------------------


async def _channel_known(
    update: Update, context: ContextTypes.DEFAULT_TYPE, channel: Channel
) -> int:
    nxt = S.ASK_ANSWERED if channel is Channel.CALL else S.ASK_WHO
    changes: dict[str, object] = {"channel": channel.value, "answered": True, "attempts": 1}
    await usecase.answer(services(context), user_id_of(update), changes, _place(update, nxt))
    return await _ask(update, context, nxt)


async def tap_channel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """电话 / 短信 / App消息 / 上门 / 联系了我的家人或朋友."""
    channel = cb.COLLECTOR_CHANNEL.read(update)
    await acknowledge(update, echo=t.ECHO_CHANNEL.format(answer=t.CHANNELS[channel]))
    return await _channel_known(update, context, channel)


async def typed_channel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """ "电话", "短信", "家人" … mean the buttons; anything else is asked again."""
    folded = _folded(message_text(update))
    for channel, words in t.CHANNEL_WORDS.items():
        if folded in words:
            return await _channel_known(update, context, channel)
    return await _ask(update, context, S.ASK_CHANNEL, t.NOT_A_CHANNEL)


# ---- a call: picked up, or how many rings ------------------------------------------------


async def _answered_known(
    update: Update, context: ContextTypes.DEFAULT_TYPE, answered: bool
) -> int:
    nxt = S.ASK_WHO if answered else S.ASK_ATTEMPTS
    changes: dict[str, object] = {"answered": answered, "attempts": 1}
    await usecase.answer(services(context), user_id_of(update), changes, _place(update, nxt))
    return await _ask(update, context, nxt)


async def tap_answered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """接了 / 没接."""
    answered = cb.COLLECTOR_ANSWERED.read(update)
    label = t.ANSWERED_YES if answered else t.ANSWERED_NO
    await acknowledge(update, echo=t.ECHO_ANSWERED.format(answer=label))
    return await _answered_known(update, context, answered)


async def typed_answered(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """ "接了" / "没接" typed."""
    folded = _folded(message_text(update))
    if folded in t.ANSWERED_WORDS:
        return await _answered_known(update, context, True)
    if folded in t.UNANSWERED_WORDS:
        return await _answered_known(update, context, False)
    return await _ask(update, context, S.ASK_ANSWERED, t.NOT_ANSWERED_CHOICE)


async def _attempts_known(update: Update, context: ContextTypes.DEFAULT_TYPE, times: int) -> int:
    await usecase.answer(
        services(context), user_id_of(update), {"attempts": times}, _place(update, S.ASK_WHO)
    )
    return await _ask(update, context, S.ASK_WHO)


async def tap_attempts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """1次 … 10次."""
    times = cb.COLLECTOR_ATTEMPTS.read(update)
    await acknowledge(update, echo=t.ECHO_ATTEMPTS.format(answer=times))
    return await _attempts_known(update, context, times)


def typed_attempts(text: str) -> int | None:
    """ "8", "8次", "打了八次" → 8; None when it is no count from 1 to 99."""
    found = _ATTEMPTS.fullmatch(_folded(text))
    if found is None:
        return None
    try:
        times = small_int(found[1], ParseProblem.NOT_AN_AMOUNT, text)
    except ParseError:
        return None
    return times if 1 <= times <= MAX_ATTEMPTS else None


async def receive_attempts(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """A typed count of rings."""
    times = typed_attempts(message_text(update))
    if times is None:
        return await _ask(update, context, S.ASK_ATTEMPTS, t.NOT_ATTEMPTS)
    return await _attempts_known(update, context, times)


# ---- who, what, a note -----------------------------------------------------------------------


async def _who_known(update: Update, context: ContextTypes.DEFAULT_TYPE, who: str | None) -> int:
    await usecase.answer(
        services(context), user_id_of(update), {"who": who}, _place(update, S.ASK_WHAT)
    )
    return await _ask(update, context, S.ASK_WHAT)


async def tap_skip(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """跳过, under the number question or the note."""
    await acknowledge(update, echo=t.SKIP)
    state = await saved_state(services(context), CONVERSATION_NAME, conversation_key(update))
    if state == S.ASK_NOTE:
        return await _save(update, context, None)
    return await _who_known(update, context, None)


async def receive_who(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The number or the name (a phone number is fine; secrets never reach here)."""
    text = message_text(update).strip()
    if _folded(text) in t.SKIP_WORDS:
        return await _who_known(update, context, None)
    if len(text) > MAX_WHO_CHARS:
        return await _ask(update, context, S.ASK_WHO, t.WHO_TOO_LONG)
    return await _who_known(update, context, text)


async def tap_behaviour(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """One behaviour ticked or unticked; the buttons show the ticks."""
    behaviour = cb.COLLECTOR_BEHAVIOUR.read(update)
    query = update.callback_query
    assert query is not None
    await answer(query)
    svc = services(context)
    chosen = _chosen(await usecase.draft(svc, user_id_of(update)))
    chosen ^= {behaviour}
    await _keep_chosen(update, context, chosen)
    await replace_text(query, t.ASK_WHAT, _what_buttons(chosen))
    return S.ASK_WHAT


async def _keep_chosen(
    update: Update, context: ContextTypes.DEFAULT_TYPE, chosen: set[Behaviour]
) -> None:
    did = [b.value for b in Behaviour if b in chosen]
    await usecase.answer(
        services(context), user_id_of(update), {"did": did}, _place(update, S.ASK_WHAT)
    )


def typed_behaviours(text: str) -> set[Behaviour] | None:
    """ "威胁恐吓、辱骂" → those two; None when a part is none of the buttons."""
    parts = [
        p for p in re.split(r"[\s,，、;；/和及还有]+", unicodedata.normalize("NFKC", text)) if p
    ]
    found: set[Behaviour] = set()
    for part in parts:
        # a button's label, whole or in part (two characters at least: "说" is in a label
        # but means nothing), or a word that means it
        matches = {
            b
            for b, label in t.BEHAVIOURS.items()
            if (len(part) >= 2 and part in label) or label in part
        }
        matches |= {b for b, words in t.BEHAVIOUR_WORDS.items() if any(w in part for w in words)}
        if not matches:
            return None
        found |= matches
    return found or None


async def typed_what(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """ "完成" finishes; typed behaviours are ticked; anything else is asked again."""
    svc = services(context)
    chosen = _chosen(await usecase.draft(svc, user_id_of(update)))
    text = message_text(update)
    if _folded(text) in t.DONE_WORDS:
        return await _ask(update, context, S.ASK_NOTE)
    typed = typed_behaviours(text)
    if typed is None:
        return await _ask(update, context, S.ASK_WHAT, t.NOT_A_BEHAVIOUR)
    chosen |= typed
    await _keep_chosen(update, context, chosen)
    labels = t.LIST_SEP.join(t.BEHAVIOURS[b] for b in Behaviour if b in chosen)
    await _send(update, t.CHOSEN.format(chosen=labels), _what_buttons(chosen))
    return S.ASK_WHAT


async def tap_done(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """完成: the choices shown in one line, then the note."""
    chosen = _chosen(await usecase.draft(services(context), user_id_of(update)))
    names = t.LIST_SEP.join(t.BEHAVIOURS[b] for b in Behaviour if b in chosen) or t.NOTHING
    await acknowledge(update, echo=t.ECHO_WHAT.format(answer=names))
    return await _ask(update, context, S.ASK_NOTE)


async def receive_note(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """The note (or "跳过"): the entry is stored and checked."""
    text = message_text(update).strip()
    if _folded(text) in t.SKIP_WORDS:
        return await _save(update, context, None)
    if len(text) > MAX_NOTE_CHARS:
        return await _ask(update, context, S.ASK_NOTE, t.NOTE_TOO_LONG)
    return await _save(update, context, text)


def _contact(data: dict[str, Any]) -> Contact | None:
    """The contact the draft describes; None if an answer is missing (a draft lost)."""
    try:
        return Contact(
            contacted_at=datetime.fromtimestamp(int(data["at"]), tz=UTC),
            channel=Channel(data["channel"]),
            behaviours=frozenset(_chosen(data)),
            who=data.get("who") or None,
            attempts=int(data.get("attempts", 1)),
            answered=bool(data.get("answered", True)),
        )
    except (KeyError, ValueError, TypeError):
        return None


async def _save(update: Update, context: ContextTypes.DEFAULT_TYPE, note: str | None) -> int:
    svc = services(context)
    user_id = user_id_of(update)
    contact = _contact(await usecase.draft(svc, user_id))
    if contact is None:
        return await _start(update, context)
    entry = await usecase.log_contact(svc, user_id, contact, note, _place(update, None))
    messages = view.verdict_messages(entry)
    for index, message in enumerate(messages):
        # a rule broken: the record to complain with is one tap away, under the last message
        last = index == len(messages) - 1
        await _send(update, message, _export_button() if last and entry.verdict.broken else None)
    return END


# ---- /cancel, /back, stickers ----------------------------------------------------------


async def cancel(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/cancel: nothing is logged, the draft goes."""
    await usecase.discard(services(context), user_id_of(update), _place(update, None))
    await _send(update, t.CANCELLED)
    return END


async def again(update: Update, context: ContextTypes.DEFAULT_TYPE) -> int:
    """/back, a sticker or a photo: the question once more."""
    state = await saved_state(services(context), CONVERSATION_NAME, conversation_key(update))
    current = S(state) if state is not None and state in S._value2member_map_ else S.ASK_WHEN
    before = t.NOT_TEXT if update.message is not None and not update.message.text else ""
    return await _ask(update, context, current, before)


def build_collector() -> ConversationHandler:
    text = TEXT_ANSWER
    states: dict[object, list[BaseHandler]] = {
        S.ASK_WHEN: [
            button(tap_when, cb.COLLECTOR_WHEN.pattern),
            MessageHandler(text, receive_time),
        ],
        S.ASK_TIME: [MessageHandler(text, receive_time)],
        S.ASK_CHANNEL: [
            button(tap_channel, cb.COLLECTOR_CHANNEL.pattern),
            MessageHandler(text, typed_channel),
        ],
        S.ASK_ANSWERED: [
            button(tap_answered, cb.COLLECTOR_ANSWERED.pattern),
            MessageHandler(text, typed_answered),
        ],
        S.ASK_ATTEMPTS: [
            button(tap_attempts, cb.COLLECTOR_ATTEMPTS.pattern),
            MessageHandler(text, receive_attempts),
        ],
        S.ASK_WHO: [button(tap_skip, cb.COLLECTOR_SKIP.pattern), MessageHandler(text, receive_who)],
        S.ASK_WHAT: [
            button(tap_behaviour, cb.COLLECTOR_BEHAVIOUR.pattern),
            button(tap_done, cb.COLLECTOR_DONE.pattern),
            MessageHandler(text, typed_what),
        ],
        S.ASK_NOTE: [
            button(tap_skip, cb.COLLECTOR_SKIP.pattern),
            MessageHandler(text, receive_note),
        ],
    }
    for handlers in states.values():
        handlers.append(MessageHandler(NOT_TEXT, again))
    return persistent_conversation(
        CONVERSATION_NAME,
        entry_points=[
            CommandHandler("collector", cmd_collector, filters=PRIVATE),
            button(tap_start, cb.COLLECTOR_START.pattern),
        ],
        states=states,
        fallbacks=[
            CommandHandler("cancel", cancel, filters=PRIVATE),
            CommandHandler("back", again, filters=PRIVATE),
        ],
    )


def _collector_handler(application: Application) -> ConversationHandler | None:
    for group in application.handlers.values():
        for handler in group:
            if isinstance(handler, ConversationHandler) and handler.name == CONVERSATION_NAME:
                return handler
    return None


async def leave_when_elsewhere(update: Update, context: ContextTypes.DEFAULT_TYPE) -> None:
    """After the conversations: logging a contact ends as soon as the intake, the deal
    recording or /update opens a question, or a button of something else is tapped (a
    reminder's "金额不一样" asks for a figure the log must not take as its answer)."""
    chat, user = update.effective_chat, update.effective_user
    handler = _collector_handler(context.application)
    if chat is None or user is None or handler is None:
        return
    key = (chat.id, user.id)
    # PTB has no public way to end a conversation from outside it (see the rehearsal's)
    states = handler._conversations
    if states.get(key) is None:
        return
    query = update.callback_query
    elsewhere = query is not None and not (query.data or "").startswith(_OWN_BUTTONS)
    if not elsewhere and not await _other_question_open(update, context):
        return
    del states[key]
    await usecase.discard(services(context), user.id, Place(CONVERSATION_NAME, key, None))
