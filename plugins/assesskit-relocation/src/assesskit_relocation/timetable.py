"""The three review stages and their deadlines (spec ``relocation.md``, "Who is assessed").

Source: "由各縣(市、區、特區)于2月中旬前對上年度易地扶貧搬遷實施情況進行自查,並將自查報告上報
市(州)指揮部;各市(州)于2月底前對轄區內項目縣進行考核……省易地扶貧搬遷工程建設指揮部于3月
組成考核組對各市(州)進行考核". The input ``year`` is the year whose work is assessed;
the stages take place in the year after it.

==============  ================================  ==========================================
stage id        who scores whom                   window, in year ``year + 1``
==============  ================================  ==========================================
``self_check``  each county, itself               on or before 20 February (end of 中旬)
``prefecture``  each prefecture, its counties     on or before the last day of February
``province``    the provincial HQ, prefectures    1 to 31 March
==============  ================================  ==========================================

Only the province stage has an opening date (3月); the county stages are
never ``early``.
"""

from __future__ import annotations

from assesskit import Text
from assesskit.stages import DayOf, LastDayOf, Stage, StageComparison

__all__ = ["PREFECTURE", "PROVINCE", "SELF_CHECK", "SELF_CHECK_GAP"]

#: 自查: "2月中旬前", resolved as on or before 20 February, the end of the
#: middle ten days (15 February is another common reading).
SELF_CHECK = Stage(
    "self_check",
    Text("self-check", "自查"),
    assessor=Text("each county", "各项目县(市、区、特区)"),
    assessed=Text("itself", "本县"),
    deadline=DayOf(2, 20),
    note=Text(
        "2月中旬前 read as on or before 20 February (the end of 中旬)",
        "“2月中旬前”按中旬末即2月20日(含)理解",
    ),
)

#: 市(州)考核: "2月底前", on or before the last day of February (29 in a
#: leap year). Requires the county's self-check ("將自查報告上報市(州)指揮部").
PREFECTURE = Stage(
    "prefecture",
    Text("prefecture assessment", "市(州)考核"),
    assessor=Text("each prefecture", "各市(州)"),
    assessed=Text("its project counties", "辖区内项目县"),
    deadline=LastDayOf(2),
    requires="self_check",
)

#: 省考核: "3月", 1 to 31 March.
PROVINCE = Stage(
    "province",
    Text("province assessment", "省考核"),
    assessor=Text("the provincial relocation HQ", "省易地扶贫搬迁工程建设指挥部"),
    assessed=Text("the prefectures and Gui'an New Area", "各市(州)和贵安新区"),
    deadline=LastDayOf(3),
    opens=DayOf(3, 1),
)

#: ``self_check_gap = self_check total − prefecture total`` (published totals);
#: ``inflated_self_check`` when the gap is above ``inflation_threshold``.
SELF_CHECK_GAP = StageComparison(
    from_stage="self_check",
    to_stage="prefecture",
    gap="self_check_gap",
    label=Text("inflated self-check", "自查虚高"),
    flag="inflated_self_check",
    threshold="inflation_threshold",
)
