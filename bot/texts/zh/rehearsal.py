"""🎭 先练一练: the bot plays the lender's agent, a coach comments on each reply.

The agent's lines are what agents commonly say, not what this lender will say; the coach
speaks to the person (你), the agent to a customer (您). Nothing here promises an outcome.
``bot.views.rehearsal`` chooses and fills these; the spoken suggestions reuse the call
script's own sentences (``bot.texts.zh.script``).
"""

from __future__ import annotations

from bot.domain.lenders import LenderKind
from bot.domain.rehearsal import Check, Response

REHEARSE_BUTTON = "🎭 先练一练"
AGAIN_BUTTON = "🎭 再练一次"
SCRIPT_BUTTON = "📞 看通话稿"

# who says what
AGENT = "🎧 客服：{line}"
COACH = "💡 教练：{note}"

# --- said once, first: this is practice
INTRO = (
    "🎭 <b>先练一练</b>\n"
    "我来扮演客服，你像打电话时那样打字回答，每句后面我给个小提示。\n"
    "这只是练习：核实身份时回答“这里是练习”就行，"
    "姓名和号码都不用打真实的，身份证号、卡号、验证码更不要打。\n"
    "客服的回答只是常见说法，真打时以对方为准。发 /cancel 随时结束。"
)

# --- the agent's questions, in order
AGENT_OPENING: dict[LenderKind, str] = {
    LenderKind.ANT: "您好，这里是支付宝客服 95188，请问有什么可以帮您？",
    LenderKind.MYBANK: "您好，这里是网商银行客服，请问有什么可以帮您？",
    LenderKind.CARD_BANK: "您好，这里是银行信用卡中心，请问有什么可以帮您？",
    LenderKind.OTHER: "您好，这里是客服中心，请问有什么可以帮您？",
}
AGENT_IDENTITY = "好的。先核实一下身份，请说一下您的姓名和身份证后四位。"
AGENT_REASON = "核实好了。请问是什么原因逾期的？"
AGENT_AMOUNT = "了解。那您现在每个月能还多少？"
AGENT_CLOSING = "好的，您的情况我这边记下了。请问还有别的问题吗？"

# --- the agent's answer to the ask: one of the common responses
AGREES_INSTALLMENTS = (
    "好的，可以为您提交申请：分 {periods} 期，每月 {amount}，第一期 {first}。结果以审核为准。"
)
AGREES_LONG = "好的，可以先按每月 {amount} 为您提交申请，期数以审核结果为准。"
AGREES_PAUSE = "好的，可以为您提交暂缓 {months} 个月的申请，结果以审核为准。"
ONLY_TWELVE = "我们这边最多只能分 12 期，每月大约 {twelve}，您看可以吗？"
PART_FIRST = "需要您先还一部分，比如 {demand}，才能给您办理。"
NO_WAIVER = "{penalty}是不能减免的，只能按合同计算。"
PAPERS = "需要您提供困难证明，比如{materials}，审核通过才能办理。"
PAPERS_DEFAULT = "收入证明"
REFUSES = "很抱歉，您的情况目前没办法办理协商。"

# --- the coach, after each reply
OPENING_GOOD = "开门见山说了来意，很好。"
OPENING_TIP = "一开口就说来意：“{opening}”"
IDENTITY_OK = "这样就行。真打时按客服的要求核实；密码、验证码谁要都不给。"
IDENTITY_DIGITS = "练习里不用打任何号码，说“这里是练习”就行。密码、验证码谁要都不给。"
REASON_GOOD = "原因说清楚了。简短、如实就够，不用多解释。"
REASON_TIP = "可以多说一句，比如：“{reason}”"
AMOUNT_SAID = "说出了具体金额 {amount}，和方案一样，很好。"
AMOUNT_LOWER = "说了 {amount}，没超过方案的 {monthly}，很好。"
AMOUNT_CEILING = "{amount}没超过你最多能拿出的 {most}。开口可以先报方案里的 {monthly}，留点余地。"
AMOUNT_TIP = "说出具体数字，对方才好办：“我每月能还 {monthly}。”"
PAUSE_SAID = "如实说了现在的情况，很好。"
PAUSE_TIP = "如实说现在拿不出钱：“{pause}”"
OVER_NUMBER = "⚠️ {amount}超过了你每月最多能拿出的 {most}。只答应自己真能做到的数。"
OVER_AGREED = "⚠️ {amount}超过了你能拿出的 {most}，先别答应。可以说：“{counter}”"
BORROWING = "⚠️ 别借新钱还旧账。可以说：“我不想借新的钱还旧的钱，那样只会越欠越多。”"
GUARANTEE = "⚠️ 做不到的事别先答应下来：按方案每月 {monthly}，说这个数就好。"
RESPONSE_GOOD: dict[Response, str] = {
    Response.AGREES: "很好：复述一遍金额、期数和第一期，免得听错。",
    Response.ONLY_TWELVE: "很好：没答应还不起的数，说了自己能做到多少。",
    Response.PART_FIRST: "很好：没答应还不起的数，说了自己能做到多少。",
    Response.NO_WAIVER: "很好：不能减免也别急，问清能不能算进分期、以后还加不加。",
    Response.PAPERS: "很好：问清交什么、交到哪里、多久有结果。",
    Response.REFUSES: "很好：不同意也别急，问还能办什么、能不能回电。",
}
RESPONSE_TIP: dict[Response, str] = {
    Response.AGREES: "对方同意了，先复述一遍：“{say}”",
    Response.ONLY_TWELVE: "别答应还不起的数，可以说：“{say}”",
    Response.PART_FIRST: "别答应拿不出的数，可以说：“{say}”",
    Response.NO_WAIVER: "可以问：“{say}”",
    Response.PAPERS: "可以说：“{say}”",
    Response.REFUSES: "可以问：“{say}”",
}
PAPERS_SAY = "可以提供，请问交到哪里？多久有结果？"
CLOSING_BOTH = "问了工号，也要了书面确认，很好。"
CLOSING_MISSING = "挂电话前还差一句：“{say}”"

# --- the end: the score and the one thing to do better
SCORE = "🏁 <b>练习结束</b>：4 件事做到了 {points} 件。\n{checks}\n{better}"
CHECK_DONE = "✅ {check}"
CHECK_MISSED = "⬜ {check}"
CHECK_NAMES: dict[Check, str] = {
    Check.NO_OVER_PROMISE: "没答应超出能力的数",
    Check.AMOUNT: "说出每月能还多少",
    Check.STAFF_ID: "问了客服的工号",
    Check.IN_WRITING: "要了书面确认",
}
BETTER = "下次改进：{what}"
BETTER_WHAT: dict[Check, str] = {
    Check.NO_OVER_PROMISE: "对方的数超过你最多能拿出的 {most}，就如实说还不起，别答应。",
    Check.AMOUNT: "报出具体金额：每月 {monthly}。",
    Check.STAFF_ID: "挂电话前问工号，记下来。",
    Check.IN_WRITING: "请对方把方案发短信或在App里显示，截个图。",
}
BETTER_PAUSE_AMOUNT = "如实说现在每月能拿出多少，拿不出就说想先暂缓。"
# a low score is what practice is for: said kindly
KEEP_GOING = "练习就是为了发现这些，再练一次会顺很多。"
ALL_DONE = "四件都做到了。真打时也一样：语气平静，记下日期和时间。"
AFTER = "打完电话发 /deal 记下结果。你练习时打的字一句也没有保存。"

# --- around it
NOT_TEXT = "练习只看打字的回答。"
CANCELLED = "练习结束了，你练习时打的字一句也没有保存。想再练，点通话稿下面的 🎭 先练一练。"
NO_PLAN = "先做出方案，才能练习打电话。发 /start 开始。"
NOT_NEEDED = "你的方案是在App里直接还，不用和客服谈，也就不用练习。照通话稿说几句就行。"
BUSY = "上面还有一个问题等你回答。先答完，或发 /cancel 停下，再点 🎭 先练一练。"
GONE = "这次练习已经结束了。想再练，点通话稿下面的 🎭 先练一练。"
