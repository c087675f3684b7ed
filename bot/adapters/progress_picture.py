"""/status with a deal: the progress picture, with the summary as its caption.

The picture is a help, never a condition: if it cannot be drawn (the font missing, a
matplotlib error) or Telegram refuses it, the summary goes out as the text it was before.
"""

from __future__ import annotations

import io
import logging
from datetime import date

from telegram import Chat, InlineKeyboardMarkup, InputFile
from telegram.constants import MessageLimit
from telegram.error import BadRequest

from bot.adapters.drawing import drawn
from bot.domain.progress import Installment
from bot.domain.progress_months import monthly_progress
from bot.render.chart import progress_png
from bot.texts.zh import progress as t
from bot.views.progress_picture import progress_picture

log = logging.getLogger(__name__)


def fits_caption(text: str) -> bool:
    """Whether ``text`` fits under a photo. Counted before the HTML is parsed (tags and
    entities count too), in UTF-16 units as Telegram counts: never too long when sent."""
    return len(text.encode("utf-16-le")) // 2 <= MessageLimit.CAPTION_LENGTH


async def draw(items: list[Installment], today: date) -> bytes | None:
    """The PNG for these installments, or None if it could not be drawn (logged, without
    amounts: only what went wrong)."""
    try:
        picture = progress_picture(monthly_progress(items), today)
        return await drawn(progress_png, picture)
    except Exception as error:
        log.warning("progress picture not drawn (%s); sending the text", type(error).__name__)
        log.debug("progress picture failure", exc_info=True)
        return None


async def send_status(
    chat: Chat,
    items: list[Installment],
    today: date,
    text: str,
    markup: InlineKeyboardMarkup | None,
) -> None:
    """The picture with ``text`` and ``markup`` under it (the text after it when too long
    for a caption); only the text if there is no picture."""
    png = await draw(items, today)
    if png is None:
        await chat.send_message(text, reply_markup=markup)
        return
    photo = InputFile(io.BytesIO(png), filename=t.PICTURE_FILENAME)
    caption = fits_caption(text)
    try:
        if caption:
            await chat.send_photo(photo, caption=text, reply_markup=markup)
            return
        await chat.send_photo(photo)
    except BadRequest as error:
        # the picture refused (its size, its format): the summary still goes out
        log.warning("progress picture refused (%s); sending the text", error.message)
    await chat.send_message(text, reply_markup=markup)
