"""Texts about personal data: /privacy, and warnings when a secret is sent."""

from __future__ import annotations

from bot.domain.sensitive import Secret

PRIVACY = (
    "<b>我保存什么、为什么、保存多久</b>\n"
    "• 保存：你填的欠款种类、金额、逾期日期、利率，困难原因（和你写的那句话），"
    "每月收支，谈好的约定、每期还款、通话和催收记录、提醒设置。"
    "消息原文处理完就删；练习、查可疑消息时打的字和导出文件不保存。\n"
    "• 为什么：只用来算方案、写通话稿、提醒和投诉，不给别人。\n"
    "• 不保存：身份证号、银行卡号、密码、验证码。我不问，发来了会删掉或提醒你删。\n"
    "• 保存多久：重新开始后，旧方案 {days} 天后自动删除；"
    "{days} 天没用过、也没有进行中的还款约定，全部资料自动删除。\n"
    "• 随时删除：发 /delete，确认后立刻全部删除，并撤回 48 小时内的导出文件；"
    "服务器备份约 7 天后删掉。"
)

SECRET_WARNING: dict[Secret, str] = {
    Secret.ID_NUMBER: "⚠️ 这条消息里好像有身份证号。我不需要它，也不会保存。",
    Secret.CARD_NUMBER: "⚠️ 这条消息里好像有银行卡号。我不需要它，也不会保存。",
    Secret.CODE: "⚠️ 验证码千万不要发给任何人，包括我。我不会保存。",
    Secret.PASSWORD: "⚠️ 密码千万不要发给任何人，包括我。我不会保存。",
}
SECRET_DELETED = "那条消息我已经删掉了。请重新回答上面的问题。"
SECRET_DELETE_IT = "请长按那条消息把它删掉，然后重新回答上面的问题。"
SECRET_DELETED_NO_QUESTION = "那条消息我已经删掉了。"
SECRET_DELETE_IT_NO_QUESTION = "请长按那条消息把它删掉。"
