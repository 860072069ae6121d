"""What each 赋权方式 means to a citizen, in plain words (design §4; seeds 003, 004).

For every mode: who receives the application, who examines it, who decides, whose seal
the result bears, who is legally liable, and against whom a citizen appeals.
"""

from __future__ import annotations

from dataclasses import astuple, dataclass

from generator.model import Mode

# Modes as the seeds explain them in one sentence (seed 004 二(二); 委托 after 行政许可法 第二十四条).
SUMMARY: dict[Mode, str] = {
    Mode.DIRECT: "乡镇审查申请后直接作出决定，以乡镇的名义、加盖乡镇的审批公章，并承担法律责任。",
    Mode.ENTRUSTED: "乡镇按委托协议，以区县部门的名义办理、使用部门的公章；部门负责监督并承担法律责任。",
    Mode.REVIEW: "乡镇作实质性审核并出具审核意见，区县部门据此作出决定、不再重复审核（见章发证）；乡镇对审核承担法律责任。",
    Mode.WINDOW: "乡镇便民服务窗口只负责收件，转交区县部门审核、作出决定。",
}

# Short marks for the items × townships matrix.
MARK: dict[Mode, str] = {Mode.DIRECT: "直", Mode.ENTRUSTED: "委", Mode.REVIEW: "审", Mode.WINDOW: "窗"}

# The verb before a partial scope, as the official attachments write their 备注 (seed 004).
SCOPE_VERB: dict[Mode, str] = {Mode.DIRECT: "下放", Mode.ENTRUSTED: "委托", Mode.REVIEW: "下放", Mode.WINDOW: "前移"}


# Who examines, who decides and who is legally liable, in each mode.
_ROLES: dict[Mode, tuple[str, str, str]] = {
    Mode.DIRECT: ("{town}", "{town}，以自己的名义", "{town}"),
    Mode.ENTRUSTED: ("{town}，受{department}委托办理", "{town}以{department}的名义作出", "{department}（委托机关），并监督{town}的办理"),
    Mode.REVIEW: (
        "{town}作实质性审核，出具审核意见",
        "{department}，依据{town}的审核意见，不再重复审核（见章发证）",
        "{town}对审核意见负责，{department}对决定负责",
    ),
    Mode.WINDOW: ("{department}", "{department}", "{department}"),
}


@dataclass(frozen=True)
class Roles:
    """Who does what for one item in one mode, each as a plain sentence."""

    receives: str
    examines: str
    decides: str
    seal: str
    liable: str
    appeal: str

    def rows(self) -> tuple[tuple[str, str], ...]:
        """Each role under the question it answers, in the order of the fields."""
        return tuple(zip(("谁受理申请", "谁审查", "谁作出决定", "盖谁的章", "谁承担法律责任", "对结果不服"), astuple(self), strict=True))


def roles(mode: Mode, town: str, department: str, window: str, county: str = "") -> Roles:
    """The roles of ``town`` (receiving at ``window``) and the ``county``'s ``department``
    for an item delegated in ``mode``."""
    decider = town if mode is Mode.DIRECT else department
    receives = f"{window}收件，并转交{department}" if mode is Mode.WINDOW else window
    examines, decides, liable = (text.format(town=town, department=department) for text in _ROLES[mode])
    seal = f"{town}的审批公章" if mode is Mode.DIRECT else f"{department}的公章"
    return Roles(receives, examines, decides, seal, liable, _appeal(f"{decider}作出的决定", county))


def _appeal(act: str, county: str) -> str:
    # A township's own act and a county department's are both reviewed by the county's
    # people's government (行政复议法 第二十四条; seed 003 names the 县人民政府 too).
    where = f"向{county}人民政府" if county else ""
    return f"可以依法对{act}{where}申请行政复议（《行政复议法》第二十四条），或者提起行政诉讼"


def equal_acceptance(county: str, town: str) -> str:
    """区、镇同等受理权 (seed 004 一(三)), in the words of this county and town."""
    return f"{county}和{town}有同等的受理权：您可以在{town}办理，也可以到{county}的实施部门办理，任何部门不得推诿、拒绝。"


def acceptance_term(county: str, town: str) -> str:
    """The legal term, e.g. 区、镇同等受理权 or 县、乡同等受理权."""
    return f"{county[-1]}、{'街道' if town.endswith('街道') else town[-1]}同等受理权"


# Who enforces, in whose name, and who decides, for an enforcement item in each mode.
_ENFORCING: dict[Mode, tuple[str, str]] = {
    Mode.DIRECT: ("{town}，以自己的名义执法", "{town}，以自己的名义作出，并承担法律责任"),
    Mode.ENTRUSTED: ("{town}，受{department}委托，以{department}的名义执法",
                     "{town}以{department}的名义作出；{department}（委托机关）监督并承担法律责任"),
    Mode.REVIEW: ("{town}调查核实，提出处理意见", "{department}，依据{town}的处理意见作出"),
    Mode.WINDOW: ("{department}；{town}接收违法线索并转交", "{department}"),
}


@dataclass(frozen=True)
class Enforcing:
    """Who does what for one enforcement item in one mode, each as a plain sentence."""

    enforces: str
    decides: str
    appeal: str

    def rows(self) -> tuple[tuple[str, str], ...]:
        return tuple(zip(("谁执法、以谁的名义", "谁作出处理决定", "对处理决定不服"), astuple(self), strict=True))


def enforcing(mode: Mode, town: str, department: str, county: str = "") -> Enforcing:
    """The roles of ``town`` and the ``county``'s ``department`` for an enforcement item
    delegated in ``mode``: the same review route as an application's (行政复议法 第二十四条)."""
    enforces, decides = (text.format(town=town, department=department) for text in _ENFORCING[mode])
    decider = town if mode is Mode.DIRECT else department
    return Enforcing(enforces, decides, _appeal(f"{decider}作出的处理决定", county))
