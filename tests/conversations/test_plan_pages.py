"""/plan with many installments is paged in place, never one long wall (issue 9, point 3)."""

from tests.support.chat import Chat
from tests.support.flows import planned


async def record_36(alice: Chat) -> None:
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("分期")
    await alice.send("36期")
    await alice.send("共23500")
    await alice.send("12月10日")
    await alice.tap("每月 10 号")
    await alice.tap("跳过")
    await alice.tap("保存")


async def test_36_installments_are_shown_12_a_page(alice: Chat) -> None:
    await planned(alice)
    await record_36(alice)
    shown = await alice.send("/plan")
    assert len(shown) == 1
    first = alice.last
    assert len(first.text) < 600
    assert first.text.count("⏳ 花呗") == 12 and "花呗 1/36" in first.text
    assert "第 1/3 页" in first.text
    assert alice.buttons() == ["下一页 ▶", "📅 导入手机日历"]

    shown = await alice.tap("下一页")
    assert [m.message_id for m in shown] == [first.message_id]  # edited in place
    assert "花呗 13/36" in alice.last_text and "花呗 12/36" not in alice.last_text
    assert "第 2/3 页" in alice.last_text
    assert alice.buttons() == ["◀ 上一页", "下一页 ▶", "📅 导入手机日历"]
    await alice.tap("下一页")
    assert "花呗 36/36" in alice.last_text and alice.buttons() == ["◀ 上一页", "📅 导入手机日历"]
    await alice.tap("上一页")
    assert "第 2/3 页" in alice.last_text
    await alice.tap("导入手机日历")
    assert alice.last.document_bytes.decode().count("BEGIN:VEVENT") == 36


async def test_a_short_plan_has_no_pages(alice: Chat) -> None:
    await planned(alice)
    await alice.send("/deal")
    await alice.tap("谈好了")
    await alice.tap("一次还清")
    await alice.send("23500")
    await alice.send("12月20日")
    await alice.tap("跳过")
    await alice.tap("保存")
    await alice.send("/plan")
    assert "页" not in alice.last_text and alice.buttons() == ["📅 导入手机日历"]
