"""The scam checker (/scam): the question, one line per hook found, and what to do.

Sources as shared/domain.md states them: the NFRA warning of 2024-05-14 about paid "agencies",
the five-department alert of 2026-02-06 (债务协商/债务优化/征信洗白 videos, the false
"各大行已开通延迟还款通道"), the PBOC 一次性信用修复 only as closed and free. Complaints go
in-app first, then 12378; free legal advice is 12348. (domain.md names no fraud hotline, so
none is given.) Nothing here calls a message safe.
"""

from __future__ import annotations

from bot.domain.scams import Hook

ASK = (
    "🔍 把对方发的话粘贴或转发给我，我看看有没有常见的骗局特征。\n"
    "里面如果有身份证号、卡号、验证码，先删掉再发。这段话我看完就忘，不保存。\n"
    "不查了发 /cancel。"
)
NOT_TEXT = "我只能看文字。把对方的话复制粘贴过来，或者转发带文字的消息。"
CANCELLED = "好的，不查了。想查的时候再发 /scam。"

FOUND = "⚠️ 这条消息里有这些常见的骗局特征："
# one short line per hook: what it is, in the regulators' terms, and what to do instead
HOOK_LINES: dict[Hook, str] = {
    Hook.AGENCY: "• 代理协商、债务优化：国家金融监督管理总局 2024年5月14日提示过这类机构的风险。",
    Hook.FEE: "• 要收费、先交定金或押金：协商是免费的，谁要钱都别给。",
    Hook.STOP_INTEREST: "• 停息挂账：停不停息、分不分期只由贷款机构决定，收钱的人办不到。",
    Hook.ANTI_COLLECTION: "• 反催收：收了钱常教你躲电话、停还款，只会更糟。",
    Hook.CREDIT_REPAIR: (
        "• 征信修复、铲单：没人能收钱删掉逾期记录。人民银行的一次性信用修复免费自动办，已经结束。"
    ),
    Hook.DONT_ANSWER: "• 让你别接平台电话：官方电话照常接，躲着反而没法协商。",
    Hook.STOP_PAYING: "• 让你先别还款：罚息会一直涨。能还多少先按时还多少。",
    Hook.SECRETS: "• 要验证码、密码、证件或银行卡：验证码、密码谁要都别给，材料只走官方渠道。",
    Hook.PRIVATE_ACCOUNT: "• 转到个人账户：还款只走支付宝或银行的官方渠道，不转给任何个人。",
    Hook.FALSE_POLICY: "• “延迟还款通道”“国家政策延期”：五部门 2026年2月6日提醒过，这是虚假说法。",
    Hook.GUARANTEE: "• 说有内部渠道、成功率很高：同不同意只由贷款机构决定，没人能替它答应。",
}
WHAT_TO_DO = (
    "<b>怎么办</b>\n"
    "• 协商免费，自己打官方客服申请：花呗、借呗 95188，信用卡打卡背面的号码。\n"
    "• 不付钱给任何人；官方电话照常接；密码、验证码不告诉任何人。\n"
    "• 投诉贷款机构或催收：先在App内投诉，再打 12378。免费法律咨询：12348。"
)
NONE_FOUND = (
    "没看到常见的骗局特征，但这不代表它就可靠。\n"
    "记住：协商是免费的，你自己就能申请，不要付钱给任何人；官方电话照常接；"
    "密码、验证码不告诉任何人；还款只走官方渠道，不转给个人账户。\n"
    "拿不准就自己打官方客服问：花呗、借呗是 95188，信用卡打卡背面的号码。"
)
NOT_KEPT = "这段话我没保存。"
QUESTION_OPEN = "刚才的问题还在，接着回答就行。"
