"""Every question refuses what it cannot use, says why in one line, and asks again."""

from collections.abc import Awaitable, Callable

from tests.support.chat import Chat

NOT_TEXT = "我只能看懂文字"


async def refused(chat: Chat, attempt: Callable[[], Awaitable[object]], reason: str) -> None:
    """The attempt gets one short reason, the question's buttons again, and nothing else."""
    buttons_before = chat.buttons()
    before = len(chat.seen)
    await attempt()
    reply = chat.seen[before:]
    assert len([m for m in reply if m.via == "sendMessage"]) == 1, [m.text for m in reply]
    text = chat.last_text
    assert reason in text, text
    # a re-prompt is a line or two, never the whole question again
    assert len(text) <= 100 and text.count("\n") <= 1, text
    assert chat.buttons() == buttons_before


async def refuses_media(chat: Chat) -> None:
    await refused(chat, chat.send_sticker, NOT_TEXT)
    await refused(chat, chat.send_photo, NOT_TEXT)
    await refused(chat, chat.send_voice, NOT_TEXT)


async def test_every_question_refuses_bad_answers_and_keeps_the_state(alice: Chat) -> None:
    await alice.send("/start")
    await refused(alice, lambda: alice.send("什么意思"), "同意的话")
    await refuses_media(alice)
    await alice.tap("开始")

    await refused(alice, lambda: alice.send("蚂蚁"), "打出名字")
    await refuses_media(alice)
    await alice.send("我的花呗")  # the name typed works as well as the button

    await refused(alice, lambda: alice.send("不知道"), "没看懂这个金额")
    await refused(alice, lambda: alice.send("-500"), "不能是负数")
    await refused(alice, lambda: alice.send("0"), "要大于 0")
    await refused(alice, lambda: alice.send("999999999"), "太大了")
    await refused(alice, lambda: alice.send("12.345"), "小数点后两位")
    await refuses_media(alice)
    await alice.send("两万三千五")

    await refused(alice, lambda: alice.send("很久了"), "没看懂逾期多久")
    await refused(alice, lambda: alice.send("2027-01-01"), "还没到")
    await refused(alice, lambda: alice.send("2月30日"), "不存在")
    await refused(alice, lambda: alice.send("今天"), "还没逾期")
    await refuses_media(alice)
    await alice.send("2026-10-10")

    await refused(alice, lambda: alice.send("很高"), "没看懂这个利率")
    await refused(alice, lambda: alice.send("年化18%"), "日</b>利率")
    await refused(alice, lambda: alice.send("5%"), "太大了")
    await refuses_media(alice)
    await alice.send("0.05%")

    await refused(alice, lambda: alice.send("很多"), "没看懂这个金额")
    await refused(alice, lambda: alice.send("100"), "不会比逾期的 23,500 元少")
    await refuses_media(alice)
    await alice.send("3万")

    await refused(alice, lambda: alice.send("啥？"), "回“有”或“没有了”")
    await refuses_media(alice)
    await alice.tap("没有了")

    await refused(alice, lambda: alice.send("啊" * 201), "200 个字以内")
    await refuses_media(alice)
    await alice.tap("其他")
    await refuses_media(alice)
    await alice.send("家里老人住院，花了很多钱")

    await refused(alice, lambda: alice.send("嗯"), "大概几个月")
    await refused(alice, lambda: alice.send("100个月"), "大概几个月")
    await refuses_media(alice)
    await alice.send("3个月")

    for answer in ("6000", "4000"):
        await refused(alice, lambda: alice.send("很少"), "没看懂这个金额")
        await refused(alice, lambda: alice.send("-1"), "不能是负数")
        await refused(alice, lambda: alice.send("5000000"), "太大了")
        await refuses_media(alice)
        await alice.send(answer)
        if answer == "6000":
            await refused(alice, lambda: alice.send("看老板心情"), "请写几号")
            await refused(alice, lambda: alice.send("35号"), "请写几号")
            await refuses_media(alice)
            await alice.send("每月15号左右")

    await refused(alice, lambda: alice.send("有"), "没看懂这个金额")
    await refused(alice, lambda: alice.send("车贷800，房贷2000"), "请写一个总数")
    await refuses_media(alice)
    await alice.send("0")  # zero is a fine answer here

    await refused(alice, lambda: alice.send("我再想想"), "回“确认”")
    await refuses_media(alice)
    summary = next(m.text for m in reversed(alice.seen) if "请核对" in m.text)
    assert "花呗 23,500 元，逾期 45 天" in summary
    assert "日利率 0.05%" in summary and "全部待还 30,000 元" in summary
    assert "发工资</b>：每月 15 号" in summary
    assert "其他，“家里老人住院，花了很多钱”（暂时的，约 3 个月）" in summary


async def test_an_old_button_is_answered_as_stale_and_the_question_repeats(alice: Chat) -> None:
    await alice.send("/start")
    await alice.tap("开始")
    products_message = alice.last.message_id
    await alice.tap("花呗")
    # the tapped keyboard is gone; tapping an old button anyway (a slow phone) changes nothing
    await alice.tap_data("intake:product:jiebei", products_message)
    assert alice.last_text == "花呗逾期的金额是多少元？比如 23500。"
    await alice.send("100")
    assert "花呗逾期多久了" in alice.last_text


async def test_html_in_answers_is_shown_as_typed(alice: Chat) -> None:
    await alice.send("/start")
    await alice.tap("开始")
    await alice.tap("花呗")
    await alice.send("1000")
    await alice.send("10天")
    await alice.tap("跳过")
    await alice.tap("跳过")
    await alice.tap("没有了")
    await alice.send("<b>老板</b> & 欠薪")
    await alice.tap("约1个月")
    await alice.send("1")
    await alice.tap("不固定")
    await alice.send("1")
    await alice.send("0")
    assert "&lt;b&gt;老板&lt;/b&gt; &amp; 欠薪" in alice.last_text


async def test_editing_an_earlier_answer_does_not_answer_the_current_question(
    alice: Chat,
) -> None:
    await alice.send("/start")
    await alice.tap("开始")
    await alice.tap("花呗")
    await alice.send("1000")
    [reply] = await alice.edit("2000")
    assert "改过的消息我不会当成新答案" in reply.text and "/back" in reply.text
    await alice.send("10天")
    await alice.tap("跳过")
    await alice.tap("跳过")
    assert "花呗 1,000 元，已逾期 10 天" in alice.last_text


async def test_a_double_tap_is_answered_calmly(alice: Chat) -> None:
    await alice.send("/start")
    await alice.tap("开始")
    products = alice.last.message_id
    await alice.tap_data("intake:product:huabei", products)
    await alice.tap_data("intake:product:huabei", products)  # the second tap of a double tap
    assert "出了点问题" not in alice.last_text
    assert "花呗逾期的金额是多少元" in alice.last_text
    await alice.send("1000")
    assert "花呗逾期多久了" in alice.last_text
