"""The composition root: one place builds the Application and registers every handler."""

from __future__ import annotations

import asyncio
import itertools
import logging
from collections.abc import Awaitable, Callable
from typing import Any, Literal, TypeVar

from telegram import BotCommand, LinkPreviewOptions, Update
from telegram.constants import ParseMode
from telegram.error import BadRequest, NetworkError, TelegramError
from telegram.ext import (
    Application,
    ApplicationBuilder,
    BaseHandler,
    BaseRateLimiter,
    CallbackQueryHandler,
    CommandHandler,
    ConversationHandler,
    Defaults,
    MessageHandler,
    TypeHandler,
    filters,
)
from telegram.request import BaseRequest, HTTPXRequest

from bot import callbacks as cb
from bot.adapters import (
    calls,
    case,
    commands,
    export,
    faq,
    installments,
    nudges,
    paid_off,
    privacy,
    replan,
)
from bot.adapters import scam_check as scams
from bot.adapters import settings as reminder_settings
from bot.adapters.admin_alerts import AdminAlerts
from bot.adapters.application import BotApplication
from bot.adapters.call_mode import tap_call
from bot.adapters.collection import build_collector, show_list
from bot.adapters.collection import leave_when_elsewhere as leave_collector
from bot.adapters.conversation_states import StoredStates
from bot.adapters.deal.conversation import build_deal
from bot.adapters.deep_links import deep_link_handlers
from bot.adapters.filters import GROUPS, PRIVATE, PRIVATE_ANY
from bot.adapters.intake.conversation import build_intake
from bot.adapters.rate_limiter import RepliesFirstLimiter
from bot.adapters.rehearsal import build_rehearsal, leave_when_elsewhere
from bot.adapters.reminder_messages import reminder_message
from bot.adapters.retrying_request import RetryingRequest
from bot.adapters.update import build_update
from bot.adapters.update_log import LoggedUpdates
from bot.config import Settings
from bot.health import HealthServer
from bot.inbox import Inbox, replay_inbox
from bot.jobs.heartbeat import AnsweredRequest, Heartbeat, start_heartbeat, stop_heartbeat
from bot.jobs.reminders import start_engine
from bot.jobs.retention import start_retention
from bot.services import (
    ALERTS_KEY,
    HEALTH_KEY,
    HEARTBEAT_KEY,
    INBOX_KEY,
    SERVICES_KEY,
    Services,
)
from bot.services import services as get_services
from bot.storage.db import Database
from bot.storage.persistence import ConversationsInDatabase
from bot.texts.zh.common import BOT_DESCRIPTION, BOT_SHORT_DESCRIPTION, COMMANDS

log = logging.getLogger(__name__)
PROFILE_SECONDS = 10.0  # for the command menu and the description at start-up
PROFILE_RETRY_FIRST = 1.0  # seconds before the second try of one of them, doubled each time
T = TypeVar("T")
# the kinds of update the handlers below take; Telegram sends no other (getUpdates and
# setWebhook ask for these only). Channel posts: a command there gets the group redirect.
ALLOWED_UPDATES = (
    Update.MESSAGE,
    Update.EDITED_MESSAGE,
    Update.CALLBACK_QUERY,
    Update.CHANNEL_POST,
)


def build_application(
    settings: Settings,
    *,
    request: BaseRequest | None = None,
    services: Services | None = None,
    rate_limiter: BaseRateLimiter[Any] | Literal["default"] | None = "default",
    heartbeat: bool = True,
    inbox: bool = True,
) -> Application:
    """The bot as it runs in production; tests and console mode pass their own ``request``.

    ``rate_limiter`` defaults to Telegram's limits, replies first (RepliesFirstLimiter); an
    offline Bot API has none, so the tests pass None and are not slowed down by its waits.
    ``heartbeat=False`` (console mode) writes no heartbeat: a console on the live database
    must not speak for the running bot. ``inbox=False`` (console mode too) stores no update
    and replays none: those waiting in the live database are the running bot's.
    """
    if rate_limiter == "default":
        rate_limiter = RepliesFirstLimiter()
    database = services.database if services else Database(settings.database)
    services = services or Services(settings=settings, database=database)
    assert settings.token is not None
    # updates stored before Telegram is told they arrived, replayed after a crash (issue 15)
    updates_inbox = Inbox(database) if inbox else None
    processor = LoggedUpdates(updates_inbox)
    builder = (
        ApplicationBuilder()
        .application_class(BotApplication)
        .token(settings.token.get_secret_value())
        .base_url(settings.api_base_url)
        .defaults(
            Defaults(
                parse_mode=ParseMode.HTML,
                tzinfo=settings.tz,
                link_preview_options=LinkPreviewOptions(is_disabled=True),
            )
        )
        .persistence(ConversationsInDatabase())
        .post_init(_post_init)
        .post_stop(_post_stop)
        .post_shutdown(_post_shutdown)
        # different people's updates at once, each person's in order; one log line each
        .concurrent_updates(processor)
    )
    if rate_limiter is not None:
        # PTB types the builder for a limiter without per-call arguments; ours takes none
        builder = builder.rate_limiter(rate_limiter)  # type: ignore[arg-type]
    # transient Bot API failures are tried again below the limiter (retrying_request.py);
    # a test may pass its own RetryingRequest (with a backoff that does not wait)
    given = request.inner if isinstance(request, RetryingRequest) else request
    if not isinstance(request, RetryingRequest):
        request = RetryingRequest(given or HTTPXRequest())
    builder = builder.request(request)
    # polling: the heartbeat names the last getUpdates the Bot API answered (python -m bot
    # check); PTB's own default for this connection is a pool of one
    updates = AnsweredRequest(given or HTTPXRequest(connection_pool_size=1), inbox=updates_inbox)
    builder = builder.get_updates_request(updates)
    application = builder.build()
    application.bot_data[SERVICES_KEY] = services
    if updates_inbox is not None:
        application.bot_data[INBOX_KEY] = updates_inbox
    if settings.admin_chat_id is not None:
        application.bot_data[ALERTS_KEY] = AdminAlerts(settings.admin_chat_id, services.now)
    polling = not settings.webhook_url
    if heartbeat:
        application.bot_data[HEARTBEAT_KEY] = Heartbeat(
            mode="polling" if polling else "webhook",
            updates=updates if polling else None,
            busy_since=lambda: processor.busy_since,
        )

    private = PRIVATE
    # first of all: where this person's conversations stand, as committed (the one source of
    # truth; PTB's copy can fall behind when a reply fails after the answer was stored)
    places = StoredStates()
    application.add_handler(TypeHandler(Update, places.load_places), group=-4)
    scam_check = scams.ScamCheck()  # /scam: who is waiting for their message to be checked
    # before anything else: secrets (ID/card numbers, codes) are deleted and never reach a
    # handler that could store them; then a user who had blocked the bot is un-paused, and
    # taps from groups, or from someone whose data is gone, get the stale answer, nothing else
    application.add_handler(
        MessageHandler(PRIVATE_ANY & (filters.TEXT | filters.CAPTION), privacy.guard_secrets),
        group=-2,
    )
    application.add_handler(TypeHandler(Update, commands.note_activity), group=-1)
    handlers: list[BaseHandler[Any, Any, Any]] = [
        # groups and channels: collect nothing, point to a private chat
        MessageHandler(GROUPS & filters.COMMAND, commands.group_redirect),
        # t.me/<bot>?start=scam and the like: what the command opens (any other payload is
        # plain /start, below)
        *deep_link_handlers(scam_check.ask),
        # /scam (issue 13): first, so while it waits the pasted text is the one checked,
        # whatever question another conversation has open; that question stays open
        *scam_check.handlers(),
        # conversations; the deal first, so /start inside it can hand over to the intake
        build_deal(),
        build_intake(),
        # /update and the check-in's buttons: after the two, which take the user's text first
        build_update(),
        # 🎭 先练一练: after the three, which take the user's text first while they are open
        build_rehearsal(),
        # 📒 记录一次催收 (issue 13): after the four, which take the user's text first
        build_collector(),
        CallbackQueryHandler(show_list, pattern=cb.COLLECTOR_LIST.pattern),
        # commands that work at any time
        CommandHandler("help", commands.cmd_help, filters=private),
        CommandHandler("status", commands.cmd_status, filters=private),
        CommandHandler("delete", commands.cmd_delete, filters=private),
        CommandHandler("privacy", privacy.cmd_privacy, filters=private),
        CallbackQueryHandler(faq.show_menu, pattern=cb.FAQ_MENU.pattern),
        CallbackQueryHandler(faq.show_answer, pattern=cb.FAQ.pattern),
        CallbackQueryHandler(commands.delete_answer, pattern=cb.DELETE.pattern),
        CallbackQueryHandler(case.show_document, pattern=cb.CASE_PATTERN),
        CommandHandler("plan", installments.cmd_plan, filters=private),
        CommandHandler("calls", calls.cmd_calls, filters=private),
        # the complaint-ready record (issue 13): a PDF and a text file, never stored
        CommandHandler("export", export.cmd_export, filters=private),
        CallbackQueryHandler(export.cmd_export, pattern=cb.EXPORT.pattern),
        CommandHandler("settings", reminder_settings.cmd_settings, filters=private),
        CallbackQueryHandler(reminder_settings.change_setting, pattern=cb.SETTING.pattern),
        CallbackQueryHandler(installments.send_calendar, pattern=cb.CALENDAR.pattern),
        CallbackQueryHandler(installments.plan_page, pattern=cb.PLAN_PAGE.pattern),
        # the buttons under reminders
        CallbackQueryHandler(installments.tap_paid, pattern=cb.PAID.pattern),
        CallbackQueryHandler(installments.undo_paid, pattern=cb.UNDO.pattern),
        CallbackQueryHandler(installments.ask_snooze, pattern=cb.SNOOZE.pattern),
        CallbackQueryHandler(installments.snooze, pattern=cb.SNOOZE_AT.pattern),
        CallbackQueryHandler(installments.cannot_pay, pattern=cb.CANNOT_PAY.pattern),
        CallbackQueryHandler(installments.not_paid, pattern=cb.NOT_PAID.pattern),
        CallbackQueryHandler(installments.ask_paid_amount, pattern=cb.OTHER_AMOUNT.pattern),
        # a payment that slips (issue 11): back to a part payment, the re-plan and its script
        CallbackQueryHandler(installments.undo_to_part, pattern=cb.UNDO_TO.pattern),
        CallbackQueryHandler(replan.tap_replan, pattern=cb.REPLAN.pattern),
        CallbackQueryHandler(replan.send_script, pattern=cb.REPLAN_SCRIPT.pattern),
        # the "打了吗？" nudge after a plan, and the script one tap away
        CallbackQueryHandler(nudges.tap_nudge, pattern=cb.NUDGE.pattern),
        CommandHandler("script", commands.cmd_script, filters=private),
        # the call companion (issue 12): one card a step, the agent's answers, the typed version
        CallbackQueryHandler(tap_call, pattern=cb.CALL_PATTERN),
        # /back and /cancel outside the intake, unknown commands, stray messages and buttons
        CommandHandler(["back", "cancel"], commands.nothing_to_resume, filters=private),
        MessageHandler(private & filters.COMMAND, commands.unknown_command),
        # an edit of an earlier answer: how to change it (secrets in edits are caught above)
        MessageHandler(
            filters.ChatType.PRIVATE & filters.UpdateType.EDITED_MESSAGE, commands.edited_message
        ),
        # a message forwarded outside any question: checked for scam hooks (issue 13)
        MessageHandler(scams.FORWARDED, scams.reply),
        # last: text no conversation wanted (maybe the amount after "金额不一样")
        MessageHandler(private, commands.outside_conversation),
        CallbackQueryHandler(commands.stale_button),
    ]
    application.add_handlers(handlers)
    conversations = [h for h in handlers if isinstance(h, ConversationHandler)]
    processor.watch(conversations)
    places.watch(conversations)
    # after an undo (handled above): a paid-off case with something unpaid again is reopened
    application.add_handler(
        CallbackQueryHandler(paid_off.reopen_after_undo, pattern=cb.UNDO.pattern), group=1
    )
    # 🎭 先练一练: a rehearsal ends once another conversation has opened a question
    application.add_handler(TypeHandler(Update, leave_when_elsewhere), group=2)
    # /scam: a button or another command ends the wait for the message to check (a group of
    # its own: only the first handler of a group that wants an update gets it)
    application.add_handler(TypeHandler(Update, scam_check.leave_when_elsewhere), group=3)
    # 📒 记录一次催收, in a group of its own too: logging a contact ends once the intake,
    # the deal or /update has opened
    application.add_handler(TypeHandler(Update, leave_collector), group=4)
    application.add_error_handler(commands.on_error)
    return application


async def _post_init(application: Application) -> None:
    """Opens the database (migrating it) and sets the Chinese command menu.

    In webhook mode ``python -m bot`` has already bound the health listener (a port in use
    must fail the start before the database is migrated); it is kept under HEALTH_KEY.
    """
    services = get_services(application)
    await services.database.connection()
    await start_engine(application, reminder_message)
    start_retention(application)
    await start_heartbeat(application)
    # before polling begins (or the webhook is set): what a crash left unhandled goes first
    await replay_inbox(application)
    try:
        # bounded: a flood limit waited out here would hold up the start (and systemd's
        # Type=notify start timeout); the menu and profile are set again at the next start
        await asyncio.wait_for(_set_profile(application), PROFILE_SECONDS)
    except TimeoutError:
        log.warning("could not set the command menu and description in %g s", PROFILE_SECONDS)


async def _set_profile(application: Application) -> None:
    bot = application.bot
    commands = [BotCommand(n, d) for n, d in COMMANDS]
    try:
        await _until_answered("setMyCommands", lambda: bot.set_my_commands(commands))
    except TelegramError as error:
        log.warning("could not set the command menu: %s", error)
    await _describe_bot(application)


async def _until_answered(what: str, call: Callable[[], Awaitable[T]]) -> T:
    """A start-up call tried again while the Bot API is unreachable or failing (after the
    request layer's own tries), one WARNING line a try, 1, 2, 4 … up to 30 s apart; the
    caller bounds the whole (PROFILE_SECONDS). Telegram's refusals are raised."""
    for attempt in itertools.count(1):
        try:
            return await call()
        except BadRequest:
            raise
        except NetworkError as error:
            delay = min(PROFILE_RETRY_FIRST * 2 ** (attempt - 1), 30.0)
            log.warning(
                "%s failed (attempt %d: %s); next try in %g s",
                what,
                attempt,
                type(error).__name__,
                delay,
            )
            await asyncio.sleep(delay)
    raise AssertionError("unreachable")


async def _describe_bot(application: Application) -> None:
    """The profile a person sees before /start: what the bot is, that it is not Alipay and
    that it is free. Set only when it differs (Telegram limits how often it may change)."""
    bot = application.bot
    try:
        described = await _until_answered("getMyDescription", bot.get_my_description)
        if described.description != BOT_DESCRIPTION:
            await _until_answered(
                "setMyDescription", lambda: bot.set_my_description(BOT_DESCRIPTION)
            )
        short = await _until_answered("getMyShortDescription", bot.get_my_short_description)
        if short.short_description != BOT_SHORT_DESCRIPTION:
            await _until_answered(
                "setMyShortDescription",
                lambda: bot.set_my_short_description(BOT_SHORT_DESCRIPTION),
            )
    except TelegramError as error:
        log.warning("could not set the bot's description: %s", error)


async def _post_stop(application: Application) -> None:
    """Stopped taking updates, the Bot API still open: the errors held back are told."""
    alerts = application.bot_data.get(ALERTS_KEY)
    if isinstance(alerts, AdminAlerts):
        await alerts.send_held(application)


async def _post_shutdown(application: Application) -> None:
    """Closes what post_init opened: the health listener, the heartbeat, the database."""
    health: HealthServer | None = application.bot_data.pop(HEALTH_KEY, None)
    if health is not None:
        await health.stop()
    await stop_heartbeat(application)
    services = get_services(application)
    await services.database.close()
