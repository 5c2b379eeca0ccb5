"""Where the cover is read: unit name, fiscal year, report kind, scope and region.

Covers break titles over lines (``上海市普陀区财政局 / 年度部门决算 / 2024``), so
the first page's lines are joined before matching. A 决算 names what was spent,
a 预算 (部门预算 / 单位预算) what was appropriated; both name the year the figures
are for, which is not the publication date.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ingestion.read.numbers import normalise_text

_YEAR = re.compile(r"(20\d{2}|19\d{2})年?度?")
_KIND = re.compile(r"(部门|单位)(决算|预算)(公开)?(报告|说明|报表|表)?")
# What a cover says the report is: 决算 (final accounts) or 部门预算 / 单位预算 / 预算公开 (budget).
_REPORT_WORD = re.compile(r"决算|(?:部门|单位)预算|预算公开")
_NOISE = re.compile(r"(年度|公开时间.*|目录.*|决算公开|预算公开|公开|报告|报表|决算$|预算$|省级|市级|区级|县级)")
# A unit named on a labelled line (预算主管部门：…, 部 门:…); 单位：万元 is the amount unit, not a name.
_LABELLED_UNIT = re.compile(r"^(?:预算主管部门|主管部门|预算单位|部门名称|单位名称|编制部门|编制单位|部门)[:：](.{2,40})$")
_SCOPES = {"部门": "department", "单位": "unit"}
_PROVINCES = (
    "北京市 天津市 河北省 山西省 内蒙古自治区 辽宁省 吉林省 黑龙江省 上海市 江苏省 浙江省 安徽省 福建省 "
    "江西省 山东省 河南省 湖北省 湖南省 广东省 广西壮族自治区 海南省 重庆市 四川省 贵州省 云南省 "
    "西藏自治区 陕西省 甘肃省 青海省 宁夏回族自治区 新疆维吾尔自治区"
).split()
# 市 first: "泸州市" is a city named 泸州, not a 州 named 泸.
_CITY = re.compile(r"^([\u4e00-\u9fff]{1,6}?市|[\u4e00-\u9fff]{1,6}?(?:自治州|州|盟|地区))")
_DISTRICT = re.compile(r"^([\u4e00-\u9fff]{1,4}?(?:区|县|旗))")


@dataclass
class Cover:
    unit_name: str | None
    fiscal_year: int | None
    scope: str | None  # department (部门, consolidated) or unit (单位)
    region: str | None
    report_kind: str | None = None  # final_accounts or budget, as the cover words it


def read_cover(first_pages: list[str]) -> Cover:
    """Read the cover from the text of the first pages (the first that names a 决算 or a 预算)."""
    for text in first_pages[:3]:
        lines = [normalise_text(line) for line in text.splitlines()]
        # Page numbers ("1", "-1-", "第1页") are not part of the title.
        lines = [line for line in lines if line and not re.fullmatch(r"[-—]?\d{1,3}[-—]?|第\d+页", line)]
        joined = "".join(lines[:8])
        word = _REPORT_WORD.search(joined)
        if not word:
            continue
        end = word.start() + (8 if word.group() == "决算" else 10)
        cover = _parse(joined[:end] if "目录" not in joined[:20] else joined)
        cover.report_kind = "final_accounts" if word.group() == "决算" else "budget"
        labelled = _labelled_unit(lines[:8])
        if labelled:
            cover.unit_name, cover.region = labelled, region_of(labelled)
        if cover.unit_name or cover.fiscal_year:
            if cover.scope is None:
                # "2024年度荣成市大数据中心决算": the kind is named further in.
                kind = _KIND.search("".join(normalise_text(t) for t in first_pages[:3]))
                cover.scope = _SCOPES[kind.group(1)] if kind else None
            return cover
    return Cover(None, None, None, None)


def _labelled_unit(lines: list[str]) -> str | None:
    for line in lines:
        match = _LABELLED_UNIT.match(line)
        if match and not re.fullmatch(r"(万|千)?元", match.group(1)):
            return match.group(1).strip("：:，, ")
    return None


def _parse(joined: str) -> Cover:
    year_match = _YEAR.search(joined)
    year = int(year_match.group(1)) if year_match else None
    kind_match = _KIND.search(joined)
    kind = _SCOPES[kind_match.group(1)] if kind_match else None
    unit = joined
    if kind_match:
        # The unit is what stands around the year before "部门决算".
        unit = joined[: kind_match.start()] + joined[kind_match.end():]
    unit = _YEAR.sub("", unit)
    unit = _NOISE.sub("", unit).strip("：:，,。 ")
    unit_name = unit if 2 <= len(unit) <= 40 else None
    return Cover(unit_name, year, kind, region_of(unit_name or ""))


def region_of(unit_name: str) -> str | None:
    """Province, city and district named at the start of a unit name."""
    name = re.sub(r"^中共", "", unit_name)
    region = ""
    for province in _PROVINCES:
        if name.startswith(province):
            region, name = province, name[len(province):]
            break
    for pattern in (_CITY, _DISTRICT):
        match = pattern.match(name)
        if match:
            region, name = region + match.group(1), name[match.end():]
    return region or None
