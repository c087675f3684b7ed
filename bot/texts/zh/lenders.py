"""Whom each debt is negotiated with and where it is paid: the one place these facts live.

domain.md, "The products and who lends": 花呗/借呗/备用金 → 支付宝 (重庆蚂蚁消费金融) on
95188; 网商贷 → 网商银行 under its own contract; a credit card → its issuing bank, never
95188. Menu digits and entry names are unverified (U), so they are said as 常见/以实际为准.
"""

from __future__ import annotations

from bot.domain.lenders import LenderKind

# What the person calls the lender in a sentence ("同不同意由支付宝决定").
LENDER_NAMES: dict[LenderKind, str] = {
    LenderKind.ANT: "支付宝",
    LenderKind.MYBANK: "网商银行",
    LenderKind.CARD_BANK: "发卡银行",
    LenderKind.OTHER: "借款机构",
}
# Where to pay: only official channels.
CHANNELS: dict[LenderKind, str] = {
    LenderKind.ANT: "支付宝App",
    LenderKind.MYBANK: "网商贷的官方页面",
    LenderKind.CARD_BANK: "发卡银行的App或官方渠道",
    LenderKind.OTHER: "官方渠道",
}
# Whom to call, as a phrase ("联系支付宝客服 95188").
HOTLINES: dict[LenderKind, str] = {
    LenderKind.ANT: "支付宝客服 95188",
    LenderKind.MYBANK: "网商贷页面上的客服",
    LenderKind.CARD_BANK: "发卡银行的客服（电话在卡背面）",
    LenderKind.OTHER: "对方的官方客服",
}
# How to reach a person, first lines of each script; no parentheses (read aloud).
DIAL: dict[LenderKind, str] = {
    LenderKind.ANT: (
        "拨 <b>95188</b>，按语音提示进入{services}服务，常见为按 2；"
        "也可以直接说“协商还款”。菜单会变，以实际为准。"
    ),
    LenderKind.MYBANK: (
        "网商贷是网商银行的贷款，有它自己的合同。"
        "在支付宝App的网商贷页面找客服入口，以页面显示为准。"
    ),
    LenderKind.CARD_BANK: (
        "打卡背面或银行App里的客服电话，说“逾期协商还款”。信用卡要和发卡银行谈，95188 办不了。"
    ),
    LenderKind.OTHER: "打合同或App里写的官方客服电话，说“逾期协商还款”。",
}
# Where to type instead of calling.
CHAT_ENTRY: dict[LenderKind, str] = {
    LenderKind.ANT: "支付宝App：我的 → 我的客服，入口名称以实际为准",
    LenderKind.MYBANK: "网商贷页面上的在线客服",
    LenderKind.CARD_BANK: "发卡银行App里的在线客服",
    LenderKind.OTHER: "对方App里的在线客服",
}
