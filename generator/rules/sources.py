"""The notices the rules come from (the seeds of design.md), cited once each, and where
each binds: a rule from a city's notice applies to that city's counties, not to every
county; a draft (征求意见稿) binds nobody.  A county may still adopt such a rule by its
own document (``policy.adopts`` in county.yaml)."""

from __future__ import annotations

from dataclasses import dataclass

from generator.model import County

SHANTING = "山亭区人民政府办公室《关于支持乡村振兴示范镇、特色镇高质量发展做好精准定向赋权工作的通知》（山政办发〔2021〕12号）"
ZAOZHUANG = "枣庄市人民政府办公室《关于支持乡村振兴示范镇、特色镇高质量发展做好精准定向赋权工作的通知》"
SHANGRAO = "《上饶市推进乡镇（街道）赋权工作实施方案（征求意见稿）》"
WANZHI = "《芜湖市湾沚区推进镇赋权工作实施方案》"
DESIGN = "本项目数据约定（design.md §3）"
JIANGXI = "《江西省人民政府关于赋予乡镇（街道）首批县级审批服务执法权限的通知》（赣府发〔2020〕1号；2025 年版为赣府发〔2025〕14号）"
ANHUI = "《安徽省人民政府关于赋予乡镇街道部分县级审批执法权限的决定》（皖政〔2022〕112号）"


@dataclass(frozen=True)
class Binding:
    """Where a notice binds, by the names county.yaml writes (None: anywhere within)."""

    notice: str  # the notice, as a message cites it
    province: str
    city: str | None = None
    county: str | None = None
    draft: bool = False

    def binds(self, county: County) -> bool:
        have = (county.province, county.city, county.name)
        return not self.draft and all(w is None or w == h for w, h in zip((self.province, self.city, self.county), have, strict=True))

    def text(self) -> str:
        """Which notice binds where, as the rule reference says it."""
        area = "".join(p for p in (self.province, self.city, self.county) if p)
        return f"{self.notice}（{area}）是征求意见稿，不约束任何区县" if self.draft else f"{self.notice}约束的{area}"


IN_SHANTING = Binding(SHANTING, "山东省", "枣庄市", "山亭区")
IN_ZAOZHUANG = Binding(ZAOZHUANG, "山东省", "枣庄市")
IN_SHANGRAO = Binding(SHANGRAO, "江西省", "上饶市", draft=True)
IN_WANZHI = Binding(WANZHI, "安徽省", "芜湖市", "湾沚区")
