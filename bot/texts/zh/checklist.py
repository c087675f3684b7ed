"""The papers to have ready (domain.md, "What to have ready"): the checklist's words and the
short names for the line above a call; bot/views/checklist.py puts them together."""

from __future__ import annotations

from bot.domain.checklist import Material

MATERIAL_NAMES: dict[Material, str] = {
    Material.ID_CARD: "身份证",
    Material.INCOME_PROOF: "收入证明：工资条，或近 3–6 个月银行流水",
    Material.NO_INCOME_PROOF: "没有收入的说明：近 3 个月银行流水",
    Material.UNEMPLOYMENT_PROOF: "失业或离职证明",
    Material.MEDICAL_PROOF: "诊断证明、病历或医疗费用清单",
    Material.HARDSHIP_CERT: "低保、困难证明，如果有",
    Material.UNPAID_WAGES_PROOF: "欠薪证明，如果工资被拖欠",
    Material.BUSINESS_PROOF: "经营困难的材料：停业、亏损等",
    Material.FAMILY_PROOF: "家庭变故的相关证明",
    Material.OWN_SUMMARY: "自己写的小结：每笔欠款、金额、逾期天数，每月最多能还多少",
}

# Short forms for the line "手边放好" above a call.
MATERIAL_SHORT: dict[Material, str] = {
    Material.ID_CARD: "身份证",
    Material.INCOME_PROOF: "收入证明",
    Material.NO_INCOME_PROOF: "银行流水",
    Material.UNEMPLOYMENT_PROOF: "离职证明",
    Material.MEDICAL_PROOF: "病历",
    Material.HARDSHIP_CERT: "困难证明",
    Material.UNPAID_WAGES_PROOF: "欠薪证明",
    Material.BUSINESS_PROOF: "停业或亏损材料",
    Material.FAMILY_PROOF: "相关证明",
    Material.OWN_SUMMARY: "你的小结",
}

CHECKLIST_TITLE = "<b>材料清单</b>"
CHECKLIST_INTRO = "提前备好，对方要时再给："
CHECKLIST_ITEM = "· {material}"
CHECKLIST_HOW_TO_SUBMIT = "对方要材料时，按客服说的方式提交。伪造证明材料可能违法。"
