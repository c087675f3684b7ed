"""What to have ready before contacting the lender (domain.md, "What to have ready").

Keys only; the Chinese labels live in ``bot.texts.zh.script``.
"""

from __future__ import annotations

from enum import StrEnum

from bot.domain.models import HardshipReason


class Material(StrEnum):
    """One document or note to have at hand."""

    ID_CARD = "id_card"
    INCOME_PROOF = "income_proof"
    UNEMPLOYMENT_PROOF = "unemployment_proof"
    MEDICAL_PROOF = "medical_proof"
    HARDSHIP_CERT = "hardship_cert"
    UNPAID_WAGES_PROOF = "unpaid_wages_proof"
    BUSINESS_PROOF = "business_proof"
    FAMILY_PROOF = "family_proof"
    OWN_SUMMARY = "own_summary"
    NO_INCOME_PROOF = "no_income_proof"


# The proof that matches each reason. A minimum-income or hardship certificate helps
# whenever the person has one, so it follows the specific proof where the reason itself
# leaves little paperwork.
_HARDSHIP_PROOF: dict[HardshipReason, tuple[Material, ...]] = {
    HardshipReason.UNEMPLOYED: (Material.UNEMPLOYMENT_PROOF, Material.HARDSHIP_CERT),
    HardshipReason.INCOME_DROP: (Material.UNPAID_WAGES_PROOF, Material.HARDSHIP_CERT),
    HardshipReason.ILLNESS: (Material.MEDICAL_PROOF,),
    HardshipReason.FAMILY: (Material.FAMILY_PROOF, Material.HARDSHIP_CERT),
    HardshipReason.BUSINESS: (Material.BUSINESS_PROOF,),
    HardshipReason.OTHER: (Material.HARDSHIP_CERT,),
}


def materials_for(reason: HardshipReason, *, no_income: bool = False) -> tuple[Material, ...]:
    """ID, income proof (or proof of having none), the proof matching ``reason``, a summary."""
    return (
        Material.ID_CARD,
        Material.NO_INCOME_PROOF if no_income else Material.INCOME_PROOF,
        *_HARDSHIP_PROOF[reason],
        Material.OWN_SUMMARY,
    )
