"""The notices the rules come from (the seeds of design.md), cited once each."""

SHANTING = "山亭区人民政府办公室《关于支持乡村振兴示范镇、特色镇高质量发展做好精准定向赋权工作的通知》（山政办发〔2021〕12号）"
ZAOZHUANG = "枣庄市人民政府办公室《关于支持乡村振兴示范镇、特色镇高质量发展做好精准定向赋权工作的通知》"
SHANGRAO = "《上饶市推进乡镇（街道）赋权工作实施方案（征求意见稿）》"
WANZHI = "《芜湖市湾沚区推进镇赋权工作实施方案》"
DESIGN = "本项目数据约定（design.md §3）"
