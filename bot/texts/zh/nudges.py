"""The "打了吗？" nudge after a plan, what its buttons answer, and /script."""

from __future__ import annotations

NUDGE = (
    "📞 想问问你：给客服的电话打了吗？\n"
    "通话稿已经准备好了，照着说就行。协商是免费的，自己打就可以，不用找任何人代办。\n"
    "还没打也没关系，挑个方便的时候就好。"
)
CALLED_BUTTON = "打了，记录结果"
TODAY_BUTTON = "今天打"
LATER_BUTTON = "过两天提醒我"
STOP_BUTTON = "不想打了"
SCRIPT_BUTTON = "📞 看通话稿"
RECORD_CALL_BUTTON = "📝 记录通话结果"

TODAY = "好，今天打。点下面看通话稿，照着说就行。{when} 我再问你一声。"
LATER = "好，{when} 再提醒你。想先看看通话稿，随时发 /script。"
STOPPED = (
    "好，不再提醒你打电话了。要不要打、什么时候打，都由你决定。\n"
    "哪天想打了，发 /script 就能看到通话稿；不想打电话，通话稿后面有打字版，"
    "可以在 App 的在线客服里发。谈完发 /deal 记下结果，我会按约定提醒你还款。"
)
CALLED_TYPED = "好！点下面记一下结果，谈成没谈成都可以记。"
ALREADY_RECORDED = (
    "这次方案的通话结果已经记下了，不会再问你打没打。看进度发 /status，要再记一次发 /deal。"
)

SCRIPT_NO_PLAN = "还没有方案，通话稿要等方案做好才有。发 /start 把情况填完，几分钟就好。"
