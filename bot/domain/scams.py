"""Recognising the hooks of debt-help scams in a message someone forwards or pastes.

The hooks are those ``shared/domain.md`` lists under "Scams to warn about" (the agencies
regulators warn against, NFRA 2024-05-14 and the five-department alert of 2026-02-06) and
under "Debt collection": paid agents, 停息挂账, 反催收, paid 征信修复, "don't answer the
lender's calls", "stop paying", asking for codes, passwords, ID or card, paying into a
private account, the false "延迟还款通道/国家政策" claims, and promises of 内部渠道/包过.

The text is folded first, so a hook cannot hide behind its spelling: NFKC (full-width
letters), the traditional characters of these words made simplified, common pinyin
spellings ("Zheng信", "ting息", "zx修复") made characters, and everything that is not a
letter or digit (spaces, punctuation, emoji, zero-width characters) dropped, so "停 息 挂 账",
"征-信修复" and "停💰息挂账" read as the words they are.

A request for a code or card is found per clause (split at 。，！？; before folding): the
secret word with a sharing verb (发给, 告诉, 提供 …) and no warning word (勿, 不要, 不会 …),
so a lender's own "请勿泄露验证码" passes. Nothing here decides that a message is safe: the
checker only says which known hooks it shows. The text is never kept.
"""

from __future__ import annotations

import re
import unicodedata
from enum import StrEnum


class Hook(StrEnum):
    """A known scam hook; the order is the order they are shown in."""

    AGENCY = "agency"  # 代理协商, 代理维权, 债务优化, 信用卡债务重组 …
    FEE = "fee"  # a fee for the help, or money first (定金, 保证金)
    STOP_INTEREST = "stop_interest"  # 停息挂账
    ANTI_COLLECTION = "anti_collection"  # 反催收
    CREDIT_REPAIR = "credit_repair"  # 征信修复/洗白, 铲单, 删除逾期记录
    DONT_ANSWER = "dont_answer"  # 别接平台电话, 不要接催收电话
    STOP_PAYING = "stop_paying"  # 先别还款
    SECRETS = "secrets"  # 验证码, 密码, 身份证, 银行卡 asked for
    PRIVATE_ACCOUNT = "private_account"  # 私人账户, 转账给我
    FALSE_POLICY = "false_policy"  # 各大行已开通延迟还款通道, 国家政策延期
    GUARANTEE = "guarantee"  # 内部渠道, 包过, 100%成功


# --- folding ---------------------------------------------------------------------------------

# traditional (and variant) characters of the words below, made simplified
_TRADITIONAL = str.maketrans(
    "徵復剷鏟單刪記錄協維權債務優組別電話臺驗證碼銀賬帳戶個轉給開遲還國內過費幫請發訴報傳讀無暫貸傭號掛須護詢專員減鬆貼聯繫訊資關係險擔絕謹滅規辦態動簡確認攔談門團隊處歷當頭說讓",
    "征复铲铲单删记录协维权债务优组别电话台验证码银账账户个转给开迟还国内过费帮请发诉报传读无暂贷佣号挂须护询专员减松贴联系讯资关系险担绝谨灭规办态动简确认拦谈门团队处历当头说让",
)
# pinyin spellings used to slip past keyword filters, longest first
_PINYIN = (
    ("zhengxin", "征信"),
    ("tingxi", "停息"),
    ("guazhang", "挂账"),
    ("cuishou", "催收"),
    ("xiufu", "修复"),
    ("xibai", "洗白"),
    ("daili", "代理"),
    ("xieshang", "协商"),
    ("zheng", "征"),
    ("xin", "信"),
    ("ting", "停"),
    ("cui", "催"),
)
_ZX = re.compile(r"zx(?=修复|洗白|铲|删)")
_CLAUSE_END = re.compile(r"[。！？!?；;，,、\n]+")


def _letters_and_digits(text: str) -> str:
    kept = (c for c in text if unicodedata.category(c)[0] in "LN")
    return "".join(kept).lower()


def fold(text: str) -> str:
    """``text`` as the hooks are matched against: one run of letters and digits."""
    folded = _letters_and_digits(unicodedata.normalize("NFKC", text).translate(_TRADITIONAL))
    folded = _ZX.sub("征信", folded)
    for pinyin, characters in _PINYIN:
        folded = folded.replace(pinyin, characters)
    return folded


def _clauses(text: str) -> list[str]:
    simplified = unicodedata.normalize("NFKC", text).translate(_TRADITIONAL)
    return [fold(clause) for clause in _CLAUSE_END.split(simplified) if clause.strip()]


# --- the hooks -------------------------------------------------------------------------------

_WORDS: dict[Hook, re.Pattern[str]] = {
    Hook.AGENCY: re.compile(
        r"代理(?:协商|维权|投诉|退息|停催)|债务(?:优化|重组|规划|协商|处理|上岸)|协商机构|维权机构"
        r"|法务(?:团队|协商)|帮你协商|帮您协商|代你协商|代您协商|替你协商|全权代理"
    ),
    Hook.STOP_INTEREST: re.compile(r"停息|挂账|免息挂|冻结债务"),
    Hook.ANTI_COLLECTION: re.compile(r"[反防]催收|屏蔽催收|停止催收|停催|拦截催收|催收拦截"),
    Hook.CREDIT_REPAIR: re.compile(
        r"征信(?:修复|洗白|清洗|优化|处理|铲除|删除|消除|恢复)|(?:修复|洗白|清洗|消除|删除)征信"
        r"|信用修复|修复信用|铲单|(?:删除?|消除?|清除|抹掉|去掉|撤销)(?:掉)?(?:你的|您的)?"
        r"(?:逾期|不良|黑)(?:记录)?|洗白"
    ),
    Hook.DONT_ANSWER: re.compile(
        r"(?:别|不要|不用|无需|不必|千万别|拒|不能)接(?:听)?(?:任何)?"
        r"(?:平台|催收|客服|银行|支付宝|蚂蚁|借呗|花呗|他们|对方|陌生)?(?:的)?(?:电话|来电)"
        r"|(?:电话|来电)(?:都|一律|全部|一概)?(?:别|不要|不用)接"
        r"|拉黑(?:平台|催收|客服)|(?:别|不要)(?:理|回复|联系)(?:平台|催收|客服|银行|支付宝)"
    ),
    Hook.STOP_PAYING: re.compile(
        r"(?:先|暂时|千万)?(?:别|不要|不用|停止|暂停|无需|不必)(?:再)?还(?:款|钱|了|啦|它)"
        r"|(?:可以|就能|就可以|直接)不(?:用)?还|停止还款|暂停还款|停还"
    ),
    Hook.PRIVATE_ACCOUNT: re.compile(
        r"(?:私人|个人|私)(?:账户|账号|户头|卡|银行卡)|私户"
        r"|转(?:账)?(?:给|到|进)(?:我|本人|我们的?个人|经理|专员|老师|助理)"
        r"|打(?:款)?(?:到|给|进)我(?:的)?(?:卡|账户|账号)|微信转(?:账)?给"
    ),
    Hook.FALSE_POLICY: re.compile(
        r"(?:延迟|延期|缓)还款通道|各大(?:银)?行(?:都)?已?(?:经)?开通|(?:最新|国家|新)政策"
        r"(?:规定|出台|支持)?(?:可以|能|允许)?(?:延期|延迟|停息|减免|免息|免还|停催|挂账|不用还|分期)"
        r"|国家(?:出台|允许|规定)(?:可以)?(?:延期|延迟|停息|减免|免还)|政策性(?:延期|停息|减免)"
    ),
    Hook.GUARANTEE: re.compile(
        r"内部(?:渠道|关系|人员|通道|资源)|(?<!面)包过(?!期)|包成功|包通过|包下|稳过|必过"
        r"|百分之?一?百|(?<!\d)100(?:成功|通过|办成|搞定|下款|能办|上岸|解决)|保证(?:成功|通过|办成|停息|减免)"
        r"|成功率\d\d"
    ),
}
# money asked for up front, always a hook
_UPFRONT = re.compile(r"定金|订金|保证金|押金|前期费|解冻费|工本费|先交|先付|先转|预付")
# a fee for help, a hook when the text is about debts or negotiating
_FEE = re.compile(
    r"收费|服务费|咨询费|代理费|手续费\d|费用\d|佣金|提成|抽成|按比例收|收取\d|只需\d|只要\d+元|\d+元(?:搞定|办好|包|一家|每家|一单|一笔|起)"
)
_DEBT_CONTEXT = re.compile(
    r"协商|停息|挂账|减免|分期|延期|征信|逾期|债|上岸|催收|花呗|借呗|网商贷|信用卡|网贷|还款"
)
_SECRET_WORD = re.compile(
    r"验证码|校验码|动态码|短信码|密码|口令|身份证|证件|银行卡|卡号|卡片|cvv|安全码|人脸|刷脸"
)
_SHARE = re.compile(
    r"发给|发我|发过来|发来|发一下|发下|告诉|提供|报给|报一下|报出|说出|念|读给|拍|上传|传给|交给"
    r"|寄给|截图|给我|给他|给她|给我们|给客服|给专员|给老师|索要|需要你|需要您|要你|要您|交出|登记"
)
_WARNING = re.compile(
    r"勿|不要|别|切勿|不会|不得|禁止|谨防|不能|千万不|绝不|从不|严禁|不可|防止|谨记"
)


def _asks_for_secrets(text: str) -> bool:
    for clause in _clauses(text):
        secret = _SECRET_WORD.search(clause)
        if secret is None or _SHARE.search(clause) is None:
            continue
        if _WARNING.search(clause) is None:
            return True
    return False


def find_hooks(text: str) -> tuple[Hook, ...]:
    """The known scam hooks ``text`` shows, in ``Hook`` order; empty when none is seen (which
    does not make a message safe)."""
    folded = fold(text)
    found = {hook for hook, pattern in _WORDS.items() if pattern.search(folded)}
    if _UPFRONT.search(folded) or (_FEE.search(folded) and _DEBT_CONTEXT.search(folded)):
        found.add(Hook.FEE)
    if _asks_for_secrets(text):
        found.add(Hook.SECRETS)
    return tuple(hook for hook in Hook if hook in found)
