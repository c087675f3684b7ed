"""The typed version of a call, to paste into the lender's online service chat.

``bot.views.chat`` puts these together with the spoken sentences of ``speech.py``.
"""

from __future__ import annotations

CARD_CHAT = (
    "我了解到《商业银行信用卡业务监督管理办法》第七十条有个性化分期的规定，"
    "想请您帮我申请，并签书面协议。"
)
THANKS = "谢谢。"

# the ask, by recommendation
PAUSE_TOKEN = "这期间每月先还 {amount}，"
PAUSE = "我想申请先暂缓 {months} 个月，{token}到时我会主动联系你们商量怎么还。"
LONG_PERIODS = "，大约要 {periods} 期"
LONG = "我每月最多能还 {amount}，想申请按这个金额长期分期{periods}。"
LAST_PAYMENT = "，最后一期 {amount}"
INSTALLMENTS = "我想申请分 {periods} 期还清，每月还 {amount}{last}，第一期在 {first}。"

# the line above the paste-able text: where to send it, and how to answer
INTRO = "<b>💬 {label}：不想打电话，可以打字</b>\n打开{entry}，把下一条消息复制过去发送。{answer}"
ANSWER_QUICK = "对方回复后如实回答；对方提的金额或日期，先对照你的方案，别答应还不起的数。"
ANSWER_FROM_SCRIPT = "对方回复后，照通话稿里“对方可能这样说”回答。"
