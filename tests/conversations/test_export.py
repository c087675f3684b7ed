"""/export through the real Application: a person with a plan, a recorded deal (工号 given),
a payment and a night call logged gets a PDF and a text file that say all of it, with the
complaint steps; the files are read back (text extracted, pages rendered) and are never
stored; /delete takes the messages back out of the chat."""

from __future__ import annotations

import re
from datetime import datetime

import pypdfium2 as pdfium

from bot.adapters.retrying_request import TRIES
from tests.conversations.test_collection_log import rows
from tests.support.chat import SHANGHAI, Bot, Chat, Clock
from tests.support.flows import planned
from tests.support.reminders import at, sweep


def pdf_text(data: bytes) -> tuple[int, str]:
    """Page count and the text a reader would extract (line breaks inside cells removed)."""
    document = pdfium.PdfDocument(data)
    try:
        pages = [document[i].get_textpage().get_text_range() for i in range(len(document))]
        return len(document), re.sub(r"\s+", "", "".join(pages))
    finally:
        document.close()


def ink(data: bytes, page: int = 0) -> float:
    """The share of the page's pixels that are not white: a blank page has none."""
    document = pdfium.PdfDocument(data)
    try:
        image = document[page].render(scale=0.5).to_pil().convert("L")
    finally:
        document.close()
    dark = sum(image.histogram()[:200])
    return dark / (image.width * image.height)


async def with_a_record(bot: Bot, clock: Clock, alice: Chat) -> None:
    """Plan, a 12-installment deal with 工号 A1234, the first paid, a night call logged."""
    await planned(alice)
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("分期")
    await alice.send("12期")
    await alice.send("共23500")
    await alice.send("12月10日")
    await alice.tap("每月 10 号")
    await alice.send("工号 A1234")
    await alice.tap("保存")
    await sweep(bot, clock, at("2026-12-07", 20))
    await alice.tap("已还")
    clock.now = datetime(2026, 12, 8, 23, 40, tzinfo=SHANGHAI)
    await alice.send("/collector")
    await alice.tap("刚才")
    await alice.tap("电话")
    await alice.tap("没接")
    await alice.tap("10次")
    await alice.send("95xxx客服")
    await alice.tap("威胁恐吓")
    await alice.tap("完成")
    await alice.tap("跳过")
    clock.now = datetime(2026, 12, 9, 10, 0, tzinfo=SHANGHAI)


async def test_the_record_comes_as_a_pdf_and_text_that_say_everything(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await with_a_record(bot, clock, alice)
    pdf, text_file = await alice.send("/export")
    assert pdf.document == "还款协商记录_20261209.pdf"
    assert "12378" in pdf.text and "App 内" in pdf.text  # the caption: what it is for
    assert text_file.document == "还款协商记录_20261209.txt"
    assert "不保存" in text_file.text and "/delete" in text_file.text
    assert pdf.document_bytes.startswith(b"%PDF")
    # the font is in the file: any phone shows the same characters
    assert b"/FontFile" in pdf.document_bytes
    pages, extracted = pdf_text(pdf.document_bytes)
    assert 1 <= pages <= 4
    assert ink(pdf.document_bytes) > 0.01
    text = text_file.document_bytes.decode("utf-8")
    folded = re.sub(r"\s+", "", text)
    for wanted in (
        "还款协商和催收记录",
        "本人整理，生成于2026年12月9日10:00（北京时间）",
        "不是借款机构出具的账单",
        "花呗|23,500|2026年10月10日",  # the debt as entered: 45 days before 11月24日
        "逾期原因：失业",
        "每月最多能拿出1,800元",
        # the plan as the script asks it, on the day it was made, and what it is based on
        "2026年11月24日按上面的收支算出的方案",
        "申请每期还1,679元，分14期，第一期2026年12月17日，最后一期1,673元",
        "按填写的逾期金额23,500元算，罚息不在内",
        "A1234",
        "谈好了（花呗）",
        "分12期，共23,500元，2026年12月10日到2027年11月10日",
        "第1/12期|1,958.34",
        "合计已还1,958.34元",
        "2026年12月8日23:40",
        "没接，打了10次",
        "95xxx客服",
        "［行业规范］未经本人同意，晚上10点到早上8点不得催收",
        "五、已经还的钱",
        "七、怎么投诉",
        "同一号码一天最多打6次（当天已记10次）",
        "不得威胁恐吓",
        "12378",
        "12368",
        "不用交钱找任何人代办",
    ):
        assert wanted in folded, wanted
        # the PDF says the same (tables read without the " | " between cells)
        assert wanted.replace("|", "") in extracted, wanted
    assert "法律规定" not in folded
    # exports are made on demand: no table holds the file, only the two messages' ids
    assert await rows(bot, "SELECT message_id FROM sent_exports ORDER BY message_id") == [
        (pdf.message_id,),
        (text_file.message_id,),
    ]


async def test_nothing_recorded_yet_says_how_to_start(alice: Chat) -> None:
    (reply,) = await alice.send("/export")
    assert reply.document is None
    assert "/start" in reply.text and "/collector" in reply.text


async def test_a_pdf_that_cannot_be_made_still_leaves_the_text(
    bot: Bot, clock: Clock, alice: Chat, monkeypatch
) -> None:
    await with_a_record(bot, clock, alice)

    def broken(document: object) -> bytes:
        raise OSError("font file unreadable")

    monkeypatch.setattr("bot.render.pdf.as_pdf", broken)
    said, text_file = await alice.send("/export")
    assert said.document is None and "文字版" in said.text
    assert text_file.document is not None and "A1234" in text_file.document_bytes.decode()


async def test_the_button_under_a_broken_rule_and_the_list_sends_it(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await with_a_record(bot, clock, alice)
    await alice.send("/collector list")
    assert "📄 导出投诉用的记录" in alice.buttons()
    sent = await alice.tap("导出投诉用的记录")
    assert [m.document for m in sent] == [
        "还款协商记录_20261209.pdf",
        "还款协商记录_20261209.txt",
    ]


async def test_delete_takes_the_exports_back_out_of_the_chat(
    bot: Bot, clock: Clock, alice: Chat, bob: Chat
) -> None:
    await with_a_record(bot, clock, alice)
    await bob.send("/collector")
    await bob.tap("刚才")
    await bob.tap("短信")
    await bob.tap("跳过")
    await bob.tap("完成")
    await bob.tap("跳过")
    bobs = await bob.send("/export")
    sent = await alice.send("/export")
    await alice.send("/delete")
    await alice.tap("确定删除")
    assert "导出的记录文件也从聊天里删掉了" in alice.last_text
    deleted = [
        int(params["message_id"])
        for method, params in bot.api.calls
        if method == "deleteMessage" and int(params["chat_id"]) == alice.chat_id
    ]
    assert sorted(deleted) == sorted(m.message_id for m in sent)
    # Bob's files stay where they are, and so does his row
    assert not [p for m, p in bot.api.calls if m == "deleteMessage" and int(p["chat_id"]) == 202]
    assert await rows(bot, "SELECT chat_id FROM sent_exports") == [(202,)] * len(bobs)


async def test_files_older_than_telegram_allows_are_named_for_deleting_by_hand(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await with_a_record(bot, clock, alice)
    await alice.send("/export")
    bot.api.fail_next("deleteMessage", 400, "Bad Request: message can't be deleted for everyone")
    await alice.send("/delete")
    await alice.tap("确定删除")
    assert "有 1 个导出的记录文件超过 48 小时" in alice.last_text


async def test_only_a_collection_log_numbers_what_there_is(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    clock.now = datetime(2026, 12, 8, 23, 40, tzinfo=SHANGHAI)
    await alice.send("/collector")
    await alice.tap("刚才")
    await alice.tap("联系了我的家人或朋友")
    await alice.tap("跳过")
    await alice.tap("完成")
    await alice.tap("跳过")
    _, text_file = await alice.send("/export")
    text = text_file.document_bytes.decode("utf-8")
    assert "一、催收记录" in text and "二、怎么投诉" in text
    assert "欠款（我自己填写的）" not in text  # nothing entered, nothing shown
    assert "还没有记录" not in text
    row = next(line for line in text.splitlines() if line.startswith("2026年12月8日 23:40"))
    assert row == (
        "2026年12月8日 23:40 | 联系了我的家人或朋友 | 没有勾选特别情况 | "
        "［行业规范］未经本人同意，晚上10点到早上8点不得催收（国家标准也这样要求） / "
        "［行业规范］原则上不联系与欠款无关的人（国家标准要求只向本人催收）"
    )


async def test_a_pdf_telegram_refuses_still_leaves_the_text(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await with_a_record(bot, clock, alice)
    bot.api.fail_next("sendDocument", 400, "Bad Request: file is too big")
    said, text_file = await alice.send("/export")
    assert said.document is None and "文字版" in said.text
    assert text_file.document is not None and "A1234" in text_file.document_bytes.decode()
    assert await rows(bot, "SELECT message_id FROM sent_exports") == [(text_file.message_id,)]


async def test_a_failing_delete_call_still_erases_and_says_what_is_left(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await with_a_record(bot, clock, alice)
    await alice.send("/export")
    for _ in range(TRIES):  # the first delete fails through every try of the request layer
        bot.api.fail_next("deleteMessage", 502, "Bad Gateway")
    await alice.send("/delete")
    await alice.tap("确定删除")
    assert "有 1 个导出的记录文件" in alice.last_text and "抱歉" not in alice.last_text
    deletes = [p for m, p in bot.api.calls if m == "deleteMessage"]
    assert len(deletes) == TRIES + 1  # the second one is still tried
    assert await rows(bot, "SELECT * FROM users") == []


async def test_new_figures_date_the_plan_on_the_day_they_changed(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await with_a_record(bot, clock, alice)
    clock.now = datetime(2026, 12, 12, 10, 0, tzinfo=SHANGHAI)
    await alice.send("/update")
    await alice.tap("收入变了")
    await alice.send("8000")
    clock.now = datetime(2026, 12, 13, 10, 0, tzinfo=SHANGHAI)
    _, text_file = await alice.send("/export")
    text = text_file.document_bytes.decode("utf-8")
    assert "每月收入约 8,000 元" in text
    assert "2026年12月12日按上面的收支算出的方案" in text
    assert "2026年11月24日按上面的收支" not in text


async def test_starting_again_keeps_the_debts_of_the_running_deal(
    bot: Bot, clock: Clock, alice: Chat
) -> None:
    await with_a_record(bot, clock, alice)
    await alice.send("/start")
    await alice.tap("重新开始")
    _, text_file = await alice.send("/export")
    text = text_file.document_bytes.decode("utf-8")
    assert "花呗 | 23,500 | 2026年10月10日" in text
    assert "进行中" in text


async def test_a_note_of_many_lines_stays_one_cell(bot: Bot, clock: Clock, alice: Chat) -> None:
    await alice.send("/collector")
    await alice.tap("刚才")
    await alice.tap("短信")
    await alice.tap("跳过")
    await alice.tap("完成")
    await alice.send("\n".join(["说要上门"] * 40))
    pdf, text_file = await alice.send("/export")
    assert pdf.document is not None  # laid out, not refused as a row taller than a page
    assert "说要上门 说要上门" in text_file.document_bytes.decode("utf-8")
