"""Update filters shared by every handler list."""

from telegram.ext import filters

# Only new messages: an edit of an earlier message is not a new answer or command.
NEW_MESSAGE = filters.UpdateType.MESSAGE
PRIVATE = filters.ChatType.PRIVATE & NEW_MESSAGE
TEXT_ANSWER = NEW_MESSAGE & filters.TEXT & ~filters.COMMAND
NOT_TEXT = NEW_MESSAGE & ~filters.COMMAND & ~filters.TEXT
PRIVATE_ANY = filters.ChatType.PRIVATE  # new or edited
GROUPS = filters.ChatType.GROUPS | filters.UpdateType.CHANNEL_POSTS
