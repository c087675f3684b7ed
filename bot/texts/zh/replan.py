"""A new proposal when a deal slips: the words only."""

from __future__ import annotations

TITLE = "<b>按现在的情况重新算了一下</b>"
LEFT = "还剩 {left} 没还。按现在的收入和开支，每月最多能拿出 {limit}（原来约定每月 {monthly}）。"
CALL_BEFORE = "要在 <b>{date}</b> 之前联系{lender}，别等逾期了再说。"
CALL_NOW = "这一期已经过了还款日，尽快联系{lender}说明情况。"
ASK_INSTALLMENTS = "可以申请把剩下的改成每月 {amount}，分 {periods} 期。"
ASK_AT_MOST = "可以申请先按每月 {amount} 还，问问能分多少期。"
ASK_PAUSE = "现在每月拿不出钱，可以申请暂缓 {months} 个月，到时再谈。"
ASK_PAY_NOW = "这个月能把剩下的一次还清，直接在{channel}还就好。"
STILL_FITS = "按现在的收入，每月 {monthly} 还拿得出来，照原来的约定还就好。"
DECIDES = "<i>同不同意由{lender}决定。不借新债还旧债。</i>"
NOTHING_LEFT = "你的约定里已经没有要还的了。"
RECORD_BUTTON = "📝 谈好了，记录新约定"
SCRIPT_BUTTON = "📞 看通话稿"
