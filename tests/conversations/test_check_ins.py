"""Check-ins until the deal is paid off (issue 11, point 5), as the user meets them, with time
under the test's control: the three-monthly question, /update, a new income or spending
figure re-checked against the deal, and the last installment paid closing the case."""

from datetime import datetime
from pathlib import Path

import aiosqlite
import pytest

from tests.support.chat import SHANGHAI, Bot, Chat, Clock, running_bot
from tests.support.flows import deal_in_12, planned
from tests.support.reminders import at, sweep

# the deal is recorded on 2026-11-24 (the clock's day): the check-in is due three months on,
# in the user's evening (20:00 by default)
CHECK_IN_AT = datetime(2027, 2, 24, 20, 0, tzinfo=SHANGHAI)
QUESTION = "过了三个月，收入或开支有变化吗？"
BUTTONS = ["没变化", "收入变了", "开支变了"]
PHONE_SCREEN = 300


async def rows(bot: Bot, sql: str, *args: object) -> list[aiosqlite.Row]:
    conn = await bot.services.database.connection()
    async with conn.execute(sql, args) as cursor:
        return list(await cursor.fetchall())


async def check_ins(bot: Bot, status: str = "pending") -> list[datetime]:
    found = await rows(
        bot, "SELECT due_at FROM reminders WHERE kind = 'check_in' AND status = ?", status
    )
    return [datetime.fromisoformat(r[0]).astimezone(SHANGHAI) for r in found]


async def income(bot: Bot) -> tuple[int, int]:
    [(fen, essentials)] = await rows(
        bot, "SELECT income_fen, essentials_fen FROM cases WHERE status != 'closed'"
    )
    return fen, essentials


def texts_since(chat: Chat, before: int) -> list[str]:
    return [m.text for m in chat.seen[before:]]


@pytest.fixture
async def with_deal(alice: Chat) -> Chat:
    await planned(alice)  # income 6,000, essentials 4,000: at most 1,800 a month
    await deal_in_12(alice)  # 1,958.34 a month, first on 2026-12-10
    return alice


async def test_the_check_in_comes_three_months_on_in_the_evening_once(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    assert await check_ins(bot) == [CHECK_IN_AT]
    await sweep(bot, clock, at("2027-02-24", 19, 59))
    assert not any(QUESTION in t for t in texts_since(alice, 0))

    before = len(alice.seen)
    assert (await sweep(bot, clock, CHECK_IN_AT)).sent == 1
    assert texts_since(alice, before) == [alice.last_text]
    assert QUESTION in alice.last_text and len(alice.last_text) < PHONE_SCREEN
    assert alice.buttons() == BUTTONS
    assert (await sweep(bot, clock, at("2027-02-24", 20, 5))).sent == 0  # never twice
    # the next one is queued three months on, exactly once, even if this one goes unanswered
    assert await check_ins(bot) == [at("2027-05-24", 20)]


async def test_no_check_in_in_quiet_hours(bot: Bot, clock: Clock, with_deal: Chat) -> None:
    alice = with_deal
    # the bot was down from before 20:00 until 23:30: the check-in waits for the morning
    await sweep(bot, clock, at("2027-02-24", 23, 30))
    await sweep(bot, clock, at("2027-02-25", 7, 59))
    assert not any(QUESTION in t for t in texts_since(alice, 0))
    await sweep(bot, clock, at("2027-02-25", 8, 0))
    assert QUESTION in alice.last_text


async def test_no_change_queues_the_next_one_from_the_answer(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await alice.send("/update")
    await alice.tap("收入变了")
    await alice.send("8000")  # now the deal fits
    await sweep(bot, clock, CHECK_IN_AT)
    clock.now = at("2027-02-26", 12)  # answered two days later
    replies = await alice.tap("没变化")
    assert [m.text for m in replies] == [
        "好，照原来的约定还就好。三个月后我再来问问；中间有变化，随时发 /update。"
    ]
    assert "收入或开支有变化吗：没变化 ✓" in alice.echoes()
    assert await check_ins(bot) == [at("2027-05-26", 20)]
    assert await income(bot) == (800_000, 400_000)


async def test_no_change_to_a_deal_above_the_budget_says_it_still_does_not_fit(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal  # saved after the warning: 1,958.34 a month, 1,800 at most
    await sweep(bot, clock, CHECK_IN_AT)
    replies = await alice.tap("没变化")
    assert len(replies) == 2
    assert "拿不太出来" in replies[0].text and "照原来的约定还就好" not in replies[0].text
    assert "重新算了一下" in replies[1].text
    assert await check_ins(bot) == [at("2027-05-24", 20)]


async def test_a_higher_income_still_fits_the_deal(bot: Bot, clock: Clock, with_deal: Chat) -> None:
    alice = with_deal
    await sweep(bot, clock, CHECK_IN_AT)
    await alice.tap("收入变了")
    assert "每月到手的收入" in alice.last_text
    replies = await alice.send("8000")
    assert [m.text for m in replies] == [
        "记下了：现在每月收入 8,000 元。\n"
        "按现在的收入，每月 1,958.34 元还拿得出来，照原来的约定还就好。\n"
        "三个月后我再来问问；中间有变化，随时发 /update。"
    ]
    assert await income(bot) == (800_000, 400_000)
    assert await check_ins(bot) == [at("2027-05-24", 20)]
    await alice.send("9000")  # the question is closed: a later number changes nothing
    assert await income(bot) == (800_000, 400_000)


async def test_still_fits_but_tight_says_so(bot: Bot, clock: Clock, with_deal: Chat) -> None:
    alice = with_deal
    await alice.send("/update")
    await alice.tap("收入变了")
    await alice.send("6200")  # 1,980 a month at most: 1,958.34 fits, barely
    assert "每月 1,958.34 元还拿得出来" in alice.last_text
    assert "余地不大" in alice.last_text and "1,980 元" in alice.last_text
    assert "之前" in alice.last_text and len(alice.last_text) < PHONE_SCREEN


async def test_a_lower_income_sends_the_new_proposal(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await alice.send("/update")
    await alice.tap("收入变了")
    replies = await alice.send("5000")
    assert len(replies) == 2
    assert "记下了：现在每月收入 5,000 元。" in replies[0].text
    assert "新方案" in replies[0].text and "还拿得出来" not in replies[0].text
    assert "重新算了一下" in replies[1].text and "900 元" in replies[1].text
    assert "同不同意由支付宝决定" in replies[1].text
    assert alice.buttons() == ["📞 重新协商的通话稿", "📝 谈好了，记录新约定"]
    assert await income(bot) == (500_000, 400_000)


async def test_update_with_typed_words_and_new_spending(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await alice.send("/update")
    assert "收入或开支有变化吗？" in alice.last_text and alice.buttons() == BUTTONS
    await alice.send("嗯？")
    assert "没变化、收入变了，还是开支变了" in alice.last_text and alice.buttons() == BUTTONS
    await alice.send("开支变了")
    assert "必须</b>花的钱" in alice.last_text
    await alice.send("3000")
    assert "记下了：现在每月必要开支 3,000 元。" in alice.last_text
    assert "按现在的开支，每月 1,958.34 元还拿得出来" in alice.last_text
    assert await income(bot) == (600_000, 300_000)
    await alice.send("/update")
    await alice.send("没变化！")
    assert "照原来的约定还就好" in alice.last_text
    await alice.send("/update")
    await alice.send("收入")
    replies = await alice.send("还是一样")  # typed at the figure: nothing changes
    assert [m.text for m in replies] == ["好，那就不改。照原来的约定还就好；有变化随时发 /update。"]
    assert await income(bot) == (600_000, 300_000)


async def test_bad_figures_get_one_line_and_the_same_question(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await alice.send("/update")
    await alice.tap("收入变了")
    for typed, reason in [
        ("很多", "没看懂这个金额"),
        ("-500", None),
        ("好的时候8000，差的时候2000", "保守的数"),
    ]:
        replies = await alice.send(typed)
        assert len(replies) == 1
        first, *rest = replies[0].text.split("\n\n")
        assert "\n" not in first and rest == ["现在每月到手的收入大概多少元？没有收入就写 0。"]
        assert reason is None or reason in first
    await alice.send_sticker()
    assert "只能看懂文字" in alice.last_text and "每月到手的收入" in alice.last_text
    assert await income(bot) == (600_000, 400_000)
    replies = await alice.send("没变")  # typed at the figure: nothing changes
    assert "拿不太出来" in replies[0].text  # (this deal was above the budget from the start)
    assert await income(bot) == (600_000, 400_000)
    assert await rows(bot, "SELECT 1 FROM conversations WHERE name = 'update'") == []


async def test_cancel_closes_the_figure_question(bot: Bot, clock: Clock, with_deal: Chat) -> None:
    alice = with_deal
    await alice.send("/update")
    await alice.tap("开支变了")
    await alice.send("/cancel")
    assert "先不改" in alice.last_text
    await alice.send("3000")
    assert await income(bot) == (600_000, 400_000)


async def test_update_without_a_deal_says_what_it_is_for(bot: Bot, alice: Chat) -> None:
    await planned(alice)
    await alice.send("/update")
    assert "没有还在还的约定" in alice.last_text and "/deal" in alice.last_text
    assert alice.last.buttons == []


async def test_the_figure_question_survives_a_restart(database: Path, clock: Clock) -> None:
    async with running_bot(database, clock, crash=True) as bot:
        alice = bot.chat(101)
        await planned(alice)
        await deal_in_12(alice)
        await alice.send("/update")
        await alice.tap("收入变了")
    async with running_bot(database, clock) as bot:
        alice = bot.chat(101)
        await alice.send("8000")
        assert "记下了：现在每月收入 8,000 元。" in alice.last_text
        assert await income(bot) == (800_000, 400_000)


async def test_the_deal_recording_takes_its_own_answers(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    # /update while recording a call: that comes first
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("分期")
    await alice.send("/update")
    assert "先答完" in alice.last_text
    await alice.send("6")
    assert "每期还多少元" in alice.last_text
    await alice.send("/cancel")
    # a figure asked, then the call recorded: the recording's answers stay its own
    await alice.send("/update")
    await alice.tap("收入变了")
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("分期")
    await alice.send("6")
    assert "每期还多少元" in alice.last_text
    assert await income(bot) == (600_000, 400_000)


async def test_an_amount_paid_asked_after_the_figure_is_taken_as_paid(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await alice.send("/update")
    await alice.tap("收入变了")
    await alice.send("/status")
    await alice.tap("已还")
    await alice.tap("金额不一样")
    await alice.send("2000")
    assert "已还 2,000 元" in alice.last_text
    assert await income(bot) == (600_000, 400_000)
    [(paid,)] = await rows(bot, "SELECT paid_fen FROM installments WHERE number = 1")
    assert paid == 200_000


async def pay_everything(alice: Chat) -> list[str]:
    replies: list[str] = []
    for _ in range(12):
        await alice.send("/status")
        replies = [m.text for m in await alice.tap("已还")]
    return replies


async def test_paid_off_congratulates_explains_the_credit_report_and_closes(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    replies = await pay_everything(alice)
    assert len(replies) == 3
    paid, report, keep = replies
    assert "第 12/12 期，已还" in paid
    assert "辛苦" not in paid and "还完了" not in paid  # congratulated once, just below
    assert "全部还清了" in report and "5 年" in report and "第16条" in report
    assert "还清那天起" in report and "个人说明" in report
    assert "一般每年可以免费查两次" in report and "中国人民银行征信中心" in report
    assert "修复征信" in report and "谁也不能提前删" in report
    assert "待还是 0、显示“已结清”" in report  # checked in the app, not only our record
    assert len(report) <= 300
    assert "结清证明" in keep and "截图" in keep and "还款记录" in keep
    assert "180 天" in keep and "/delete" in keep
    assert all(len(text) < PHONE_SCREEN for text in replies)

    [(status, closed_at)] = await rows(bot, "SELECT status, closed_at FROM cases")
    assert status == "closed" and closed_at is not None
    [(outcome, ended_at)] = await rows(bot, "SELECT outcome, ended_at FROM deals")
    assert outcome == "paid_off" and ended_at == closed_at
    assert await check_ins(bot) == []
    # nothing more comes: not the check-in, not /update
    before = len(alice.seen)
    await sweep(bot, clock, CHECK_IN_AT)
    assert len(alice.seen) == before
    await alice.send("/update")
    assert "没有还在还的约定" in alice.last_text
    # "已还" on the last one tapped again (an old button): no second congratulation
    status = next(m for m in reversed(alice.seen) if "花呗第12期已还" in str(m.buttons))
    again = [m.text for m in await alice.tap_data(status.flat_buttons[0][1], status.message_id)]
    assert again and not any("全部还清了" in text for text in again)


async def test_undo_after_paid_off_reopens_the_case(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await pay_everything(alice)
    paid_message = next(m for m in reversed(alice.seen) if "第 12/12 期，已还" in m.text)
    undo = next(d for label, d in paid_message.flat_buttons if "撤销" in label)

    replies = [m.text for m in await alice.tap_data(undo, paid_message.message_id)]

    assert "改回“未还”" in replies[0]
    assert "重新打开" in replies[1] and "全部还清后" in replies[1]
    [(status, closed_at)] = await rows(bot, "SELECT status, closed_at FROM cases")
    assert (status, closed_at) == ("planned", None)
    assert [tuple(r) for r in await rows(bot, "SELECT outcome, ended_at FROM deals")] == [
        (None, None)
    ]
    assert len(await check_ins(bot)) == 1
    await alice.send("/status")
    assert "还剩 1,958.33 元" in alice.last_text
    # paid again: congratulated again, and closed again
    replies = [m.text for m in await alice.tap("已还")]
    assert any("全部还清了" in text for text in replies)
    [(status,)] = await rows(bot, "SELECT status FROM cases")
    assert status == "closed"


async def test_undo_of_an_earlier_installment_reopens_too(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await pay_everything(alice)
    first = next(m for m in alice.seen if "第 1/12 期，已还" in m.text)
    undo = next(d for label, d in first.flat_buttons if "撤销" in label)
    await alice.tap_data(undo, first.message_id)
    assert "重新打开" in alice.last_text
    [(status,)] = await rows(bot, "SELECT status FROM cases")
    assert status == "planned"


async def test_no_check_in_once_the_case_is_closed_by_starting_again(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await alice.send("/start")
    await alice.tap("重新开始")
    before = len(alice.seen)
    report = await sweep(bot, clock, CHECK_IN_AT)
    assert not any(QUESTION in t for t in texts_since(alice, before))
    assert report.cancelled >= 1 and await check_ins(bot) == []


async def test_paused_reminders_skip_the_check_in_and_keep_the_next(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await alice.send("/settings")
    await alice.tap("暂停全部提醒")
    before = len(alice.seen)
    await sweep(bot, clock, CHECK_IN_AT)
    assert not any(QUESTION in t for t in texts_since(alice, before))
    assert await check_ins(bot) == [at("2027-05-24", 20)]


async def test_a_smaller_amount_put_right_after_paid_off_reopens(
    bot: Bot, clock: Clock, with_deal: Chat
) -> None:
    alice = with_deal
    await pay_everything(alice)
    await alice.tap("金额不一样")  # under the last "paid" message
    replies = [m.text for m in await alice.send("1000")]
    assert "已还 1,000 元" in replies[0]
    assert "重新打开" in replies[1]
    [(status,)] = await rows(bot, "SELECT status FROM cases")
    assert status == "planned"
    assert len(await check_ins(bot)) == 1
