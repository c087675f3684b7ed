"""``python -m bot``: polling by default; ``--console`` chats in the terminal instead."""

from __future__ import annotations

import argparse
import logging
import sys

from telegram import Update
from telegram.error import InvalidToken

from bot.app import build_application
from bot.config import ConfigError, load_settings
from bot.logging_setup import setup_logging

EXIT_CONFIG = 2
log = logging.getLogger("bot")


def parse_args(argv: list[str]) -> argparse.Namespace:
    parser = argparse.ArgumentParser(prog="python -m bot", description="还款协商助手 Telegram bot")
    parser.add_argument(
        "--console", action="store_true", help="chat in this terminal instead of Telegram"
    )
    return parser.parse_args(argv)


def main(argv: list[str] | None = None) -> int:
    args = parse_args(sys.argv[1:] if argv is None else argv)
    try:
        settings = load_settings(require_token=not args.console)
    except ConfigError as error:
        print(f"configuration error: {error}", file=sys.stderr)
        return EXIT_CONFIG
    token = settings.token.get_secret_value() if settings.token else ""
    # the secret half alone is redacted too, in case a library prints it without the id
    setup_logging(
        settings.log_level_number if not args.console else logging.WARNING,
        secrets=[token, token.partition(":")[2]],
    )
    if args.console:
        from bot.console import main as console_main

        return console_main(settings)
    application = build_application(settings)
    log.info("starting (polling), database %s", settings.database)
    try:
        application.run_polling(allowed_updates=Update.ALL_TYPES, drop_pending_updates=False)
    except InvalidToken:
        print("configuration error: BOT_TOKEN was rejected by the Bot API", file=sys.stderr)
        return EXIT_CONFIG
    return 0


if __name__ == "__main__":
    sys.exit(main())
