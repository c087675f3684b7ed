"""Common stretches of the intake, typed and tapped the way a user would."""

from __future__ import annotations

from tests.support.chat import Chat


async def agree(chat: Chat) -> None:
    await chat.send("/start")
    await chat.tap("开始")


async def one_debt(
    chat: Chat,
    product: str,
    amount: str,
    overdue: str,
    rate: str | None,
    total: str | None = None,
) -> None:
    await chat.tap(product)
    await chat.send(amount)
    await chat.send(overdue)
    if rate is None:
        await chat.tap("跳过")
    else:
        await chat.send(rate)
    if total is None:
        await chat.tap("跳过")
    else:
        await chat.send(total)


async def situation(
    chat: Chat,
    reason: str,
    duration: str,
    income: str,
    essentials: str,
    other: str | None,
    payday: str = "15号",
) -> None:
    await chat.tap(reason)
    await chat.tap(duration)
    await chat.send(income)
    if income.strip() not in ("0", "零", "没有"):
        await chat.tap(payday)
    await chat.send(essentials)
    if other is None:
        await chat.tap("没有")
    else:
        await chat.send(other)


async def up_to_summary(chat: Chat) -> None:
    """The unemployed 花呗 profile, ending at the summary."""
    await agree(chat)
    await one_debt(chat, "花呗", "23500", "45天", None)
    await chat.tap("没有了")
    await situation(chat, "失业", "约3个月", "6000", "4000", None)


async def planned(chat: Chat) -> None:
    """The unemployed 花呗 profile with its plan shown."""
    await up_to_summary(chat)
    await chat.tap("确认")


async def deal_in_12(chat: Chat) -> None:
    """Records: 12 installments, 23,500 in total, first on 12月10日, then every 10th."""
    await chat.send("/deal")
    await chat.tap("谈好了")
    await chat.tap("分期")
    await chat.send("12期")
    await chat.send("共23500")
    await chat.send("12月10日")
    await chat.tap("每月 10 号")
    await chat.tap("跳过")
    await chat.tap("保存")


async def deal_over_the_budget(chat: Chat) -> None:
    """Records 10 × 2,350 元 from 12月17日 for the planned profile (at most 1,800 a month),
    up to the summary that warns about it."""
    await chat.send("/deal")
    await chat.tap("谈好了")
    await chat.tap("分期")
    await chat.send("10期")
    await chat.send("2350")
    await chat.send("12月17日")
    await chat.tap("每月 17 号")
    await chat.tap("跳过")
