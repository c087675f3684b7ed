"""The papers to have ready, in full (the checklist) and as a short list above a call."""

from __future__ import annotations

from collections.abc import Sequence

from bot.domain.checklist import Material
from bot.texts.zh import checklist as t
from bot.views.fmt import listing

# Papers only some people have stay in the checklist, not in the line above the call.
_IF_ANY = frozenset({Material.HARDSHIP_CERT, Material.UNPAID_WAGES_PROOF})


def at_hand(materials: Sequence[Material]) -> str:
    """ "身份证、收入证明、病历、你的小结": what to keep within reach during the call."""
    return listing(t.MATERIAL_SHORT[m] for m in materials if m not in _IF_ANY)


def render_checklist(materials: Sequence[Material]) -> str:
    lines = [t.CHECKLIST_TITLE, t.CHECKLIST_INTRO]
    lines += [t.CHECKLIST_ITEM.format(material=t.MATERIAL_NAMES[m]) for m in materials]
    lines.append(t.CHECKLIST_HOW_TO_SUBMIT)
    return "\n".join(lines)
