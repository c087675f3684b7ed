"""/status with a deal sends the progress picture, the summary as its caption and the
buttons under it; without a picture (it failed, or Telegram refused it) the summary still
comes, as text. Before a deal /status is text as it always was."""

from __future__ import annotations

import io
import logging
import re
from pathlib import Path

import pytest
from PIL import Image

from bot.adapters import progress_picture
from bot.render import chart
from bot.render.fonts import FontMissing
from tests.support.chat import Bot, Chat
from tests.support.flows import deal_in_12, planned


def fail_to_draw(picture: object) -> bytes:
    raise RuntimeError("font went missing")


@pytest.fixture
async def with_deal(alice: Chat) -> Chat:
    await planned(alice)
    await deal_in_12(alice)  # 12 × 1,958.33/34 from 2026-12-10
    return alice


async def test_status_sends_the_picture_with_the_summary_and_its_buttons(
    bot: Bot, with_deal: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = with_deal
    # the summary as it was before the picture: the text the caption must be
    monkeypatch.setattr(progress_picture, "progress_png", fail_to_draw)
    [text] = await alice.send("/status")
    assert text.via == "sendMessage"
    monkeypatch.undo()

    [photo] = await alice.send("/status")
    assert photo.via == "sendPhoto" and photo.photo == "还款进度.png"
    assert photo.text == text.text  # the whole summary, as its caption
    assert "已还 0/12 期" in photo.text and "下一期" in photo.text
    assert photo.flat_buttons == text.flat_buttons
    assert [label for label, _ in photo.flat_buttons] == ["✅ 花呗第1期已还", "📞 通话稿"]
    [sent] = bot.api.server.sent_photos(alice.chat_id)
    assert (sent["width"], sent["height"]) == (chart.WIDTH_PX, chart.HEIGHT_PX)
    assert len(sent["content"]) < 100 * 1024
    assert Image.open(io.BytesIO(sent["content"])).size == (chart.WIDTH_PX, chart.HEIGHT_PX)


async def test_the_button_under_the_picture_marks_the_installment_paid(with_deal: Chat) -> None:
    alice = with_deal
    await alice.send("/status")
    photo = alice.last
    await alice.tap("花呗第1期已还")
    assert alice.buttons_of(photo.message_id) == []  # the tapped keyboard is gone
    assert "已还" in alice.last_text
    [photo] = await alice.send("/status")
    assert photo.via == "sendPhoto" and "已还 1/12 期" in photo.text
    assert "✅ 花呗第2期已还" in [label for label, _ in photo.flat_buttons]


def font_gone() -> Path:
    raise FontMissing("NotoSansCJKsc-Regular.otf not found: reinstall the package mplfonts")


@pytest.mark.parametrize(
    ("where", "name", "broken", "error"),
    [
        (progress_picture, "progress_png", fail_to_draw, "RuntimeError"),
        (chart, "cjk_font", font_gone, "FontMissing"),  # a partial install
    ],
)
async def test_when_drawing_fails_the_summary_comes_as_text_and_the_log_has_no_amounts(
    with_deal: Chat,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
    where: object,
    name: str,
    broken: object,
    error: str,
) -> None:
    alice = with_deal
    monkeypatch.setattr(where, name, broken)
    with caplog.at_level(logging.INFO):
        [text] = await alice.send("/status")
    assert text.via == "sendMessage"
    assert "已还 0/12 期" in text.text and "✅ 花呗第1期已还" in alice.buttons()
    [warning] = [r for r in caplog.records if r.name == progress_picture.__name__]
    assert warning.levelno == logging.WARNING and error in warning.getMessage()
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert not re.search(r"\d,\d{3}|1958|23500", logged)


async def test_a_picture_telegram_refuses_still_leaves_the_summary(
    bot: Bot, with_deal: Chat
) -> None:
    alice = with_deal
    bot.api.fail_next("sendPhoto", 400, "Bad Request: PHOTO_INVALID_DIMENSIONS")
    [text] = await alice.send("/status")
    assert text.via == "sendMessage" and "已还 0/12 期" in text.text
    assert "✅ 花呗第1期已还" in alice.buttons()


async def test_a_summary_too_long_for_a_caption_follows_the_picture(
    with_deal: Chat, monkeypatch: pytest.MonkeyPatch
) -> None:
    alice = with_deal
    monkeypatch.setattr(progress_picture, "fits_caption", lambda text: False)
    photo, text = await alice.send("/status")
    assert photo.via == "sendPhoto" and photo.text == "" and not photo.buttons
    assert text.via == "sendMessage" and "已还 0/12 期" in text.text
    assert "✅ 花呗第1期已还" in [label for label, _ in text.flat_buttons]


async def test_before_a_deal_status_is_text(bot: Bot, alice: Chat) -> None:
    await alice.send("/status")  # nothing yet
    await planned(alice)
    [reply] = await alice.send("/status")
    assert reply.via == "sendMessage"
    assert bot.api.server.sent_photos(alice.chat_id) == []


def test_a_caption_is_measured_as_telegram_does() -> None:
    assert progress_picture.fits_caption("我" * 1024)
    assert not progress_picture.fits_caption("我" * 1025)
    assert progress_picture.fits_caption("我" * 1022 + "🟡")
    assert not progress_picture.fits_caption("我" * 1023 + "🟡")  # this emoji is two units
