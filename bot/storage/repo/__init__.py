"""The repository: all SQL of the bot, one module per area. Every query is scoped by user id."""

from bot.storage.repo.deals import *  # noqa: F403
from bot.storage.repo.intake import *  # noqa: F403
from bot.storage.repo.reminders import *  # noqa: F403
from bot.storage.repo.retention import *  # noqa: F403
