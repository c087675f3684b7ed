"""Display names for stored enum values."""

from bot.domain.models import HardshipReason, Product

PRODUCT_NAMES: dict[Product, str] = {
    Product.HUABEI: "花呗",
    Product.JIEBEI: "借呗",
    Product.BEIYONGJIN: "备用金",
    Product.WANGSHANGDAI: "网商贷",
    Product.CREDIT_CARD: "信用卡",
    Product.OTHER: "其他",
}

REASON_NAMES: dict[HardshipReason, str] = {
    HardshipReason.UNEMPLOYED: "失业",
    HardshipReason.INCOME_DROP: "收入减少",
    HardshipReason.ILLNESS: "生病或受伤",
    HardshipReason.FAMILY: "家庭变故",
    HardshipReason.BUSINESS: "经营困难",
    HardshipReason.OTHER: "其他",
}

# A debt's name inside a sentence: "其他" alone is a button, not a name.
DEBT_NAMES: dict[Product, str] = PRODUCT_NAMES | {Product.OTHER: "其他借款"}
