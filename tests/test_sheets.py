"""The 绩效自评表 parser on the example PDFs (typeset from the seed reports in ../shared/seeds).

Every sheet of every example is found; for two sheets per layout every indicator row is
compared field by field with what the seed prints, with the budget rows and totals. The
figures a correct system must keep as printed (6.45%, ``## ###``, 90.60%) are checked too.
"""

from __future__ import annotations

from decimal import Decimal
from functools import cache

import pytest

from ingestion.raw.tables import BUDGET_ROW_COLUMNS, INDICATOR_COLUMNS, SHEET_COLUMNS, SUMMARY_ROW_COLUMNS
from ingestion.read.extract import extract_document
from ingestion.read.sheets import SheetsResult, read_sheets
from ingestion.read.sheets.values import parse_indicator_value
from tests.conftest import EXAMPLES

LESHAN = "leshan_2024_unit_final_accounts.pdf"
WUHAN = "wuhan_2024_department_final_accounts.pdf"
RONGCHENG = "rongcheng_2024_department_final_accounts.pdf"
JINCHENG = "jincheng_2023_department_final_accounts.pdf"
SICHUAN = "sichuan_province_2023_unit_final_accounts.pdf"


@cache
def _read(name: str) -> SheetsResult:
    extraction = extract_document(str(EXAMPLES / name), "test")
    return read_sheets(extraction.pages, extraction.grid_rows)


def _sheet(result: SheetsResult, project_name: str) -> dict:
    matches = [s for s in result.sheets if s["project_name"] == project_name]
    assert len(matches) == 1, [s["project_name"] for s in result.sheets]
    return matches[0]


def _rows(records: list[dict], sheet: dict) -> list[dict]:
    return [r for r in records if r["sheet_seq"] == sheet["sheet_seq"]]


def _same(actual, expected) -> bool:
    if isinstance(actual, Decimal):
        return expected is not None and actual == Decimal(str(expected))
    return actual == expected


def _check(records: list[dict], fields: tuple[str, ...], expected: list[tuple]) -> None:
    assert len(records) == len(expected), f"{len(records)} rows, expected {len(expected)}"
    for number, (record, want) in enumerate(zip(records, expected), start=1):
        got = tuple(record[f] for f in fields)
        assert all(_same(a, e) for a, e in zip(got, want)), f"row {number}:\n got  {got}\n want {want}"


def _check_sheet(sheet: dict, expected: dict) -> None:
    for key, want in expected.items():
        assert _same(sheet[key], want), f"{key}: {sheet[key]!r} != {want!r}"


# -- every sheet is found ----------------------------------------------------------------

@pytest.mark.parametrize("name, kinds, layout", [
    (LESHAN, {"project": 14}, "sichuan"),
    (WUHAN, {"department_overall": 1, "project": 4}, "hubei"),
    (RONGCHENG, {"summary": 1, "project": 4}, "shandong"),
    (JINCHENG, {"project": 13}, "shanxi"),
    (SICHUAN, {"project": 18}, "sichuan"),
])
def test_every_sheet_is_found(name, kinds, layout):
    result = _read(name)
    found: dict[str, int] = {}
    for sheet in result.sheets:
        found[sheet["sheet_kind"]] = found.get(sheet["sheet_kind"], 0) + 1
    assert found == kinds
    assert {s["layout"] for s in result.sheets} == {layout}
    # Every project sheet has a name, a title and its indicators; pages run forward.
    for sheet in result.sheets:
        assert sheet["title_text"] and "自评" in sheet["title_text"]
        assert sheet["first_page"] <= sheet["last_page"]
        if sheet["sheet_kind"] == "project":
            assert sheet["project_name"] and sheet["indicator_count"] > 0


def test_records_carry_every_column():
    for name in (LESHAN, WUHAN, RONGCHENG, JINCHENG, SICHUAN):
        result = _read(name)
        for records, columns in ((result.sheets, SHEET_COLUMNS), (result.budget_rows, BUDGET_ROW_COLUMNS),
                                 (result.indicators, INDICATOR_COLUMNS), (result.summary_rows, SUMMARY_ROW_COLUMNS)):
            assert all(tuple(r) == columns for r in records)


# -- Sichuan ------------------------------------------------------------------------------------

SICHUAN_FIELDS = ("level1", "level2", "level3", "operator", "target_text", "target_value", "unit",
                  "actual_text", "actual_value", "weight", "score", "deviation_reason")
BUDGET_FIELDS = ("label_text", "fund_source_zh", "is_total", "initial", "adjusted", "executed",
                 "execution_rate_text", "execution_rate", "weight_text", "weight", "score_text", "score")


def test_sichuan_one_stop_sheet_seed_000():
    result = _read(LESHAN)
    sheet = _sheet(result, "“一网通办”分站点建设试点")
    _check(_rows(result.indicators, sheet), SICHUAN_FIELDS, [
        ("产出指标", "数量指标", "数据加密应用数量", "≥", "150", 150, "个", "150", 150, 10, 10, None),
        ("产出指标", "数量指标", "免费运维", "=", "2", 2, "年", "2", 2, 10, 10, None),
        ("产出指标", "数量指标", "智能客服", "=", "1", 1, "套", "1", 1, 10, 10, None),
        ("产出指标", "质量指标", "稳定率", "≥", "99.7", "99.7", "%", "99.7", "99.7", 10, 10, None),
        ("产出指标", "时效指标", "一般故障处理时间", "≤", "2", 2, "小时", "0.6", "0.6", 5, 5, None),
        ("产出指标", "时效指标", "响应时间", "≤", "0.5", "0.5", "小时", "0.1", "0.1", 5, 5, None),
        ("效益指标", "社会效益指标", "主题服务数量", "=", "9", 9, "个", "9", 9, 15, 15, None),
        ("效益指标", "社会效益指标", "掌上办服务数量", "=", "35", 35, "个", "35", 35, 15, 15, None),
        ("满意度指标", "服务对象满意度指标", "满意度", "≥", "95", 95, "%", "96.9", "96.9", 10, 10, None),
    ])
    assert [r["operator_text"] for r in _rows(result.indicators, sheet)][:2] == [">=", "="]
    _check(_rows(result.budget_rows, sheet), BUDGET_FIELDS, [
        ("总额", "总额", True, "155.099998", "155.099998", "10.00", "6.45%", "0.0645", "10", 10, "0.645", "0.645"),
        ("其中：财政资金", "财政资金", False, "155.099998", "155.099998", "10.00", "6.45%", "0.0645", "10", 10, "0.645", "0.645"),
        ("财政专户管理资金", "财政专户管理资金", False, None, None, None, None, None, None, None, None, None),
        ("单位资金", "单位资金", False, None, None, None, None, None, None, None, None, None),
        ("其他资金", "其他资金", False, None, None, None, None, None, None, None, None, None),
    ])
    # The table's 6.45% and the unreadable total stay as printed; the conclusion's 32.24% is its own text.
    _check_sheet(sheet, {
        "layout": "sichuan", "department": "乐山市数据局", "implementer": "乐山市大数据中心",
        "budget_initial_text": "155.099998", "budget_initial": "155.099998", "budget_adjusted": "155.099998",
        "budget_executed": "10.00", "execution_rate_text": "6.45%", "execution_rate": "0.0645",
        "budget_weight": 10, "budget_score": "0.645", "budget_reason": "财政资金未到达。",
        "total_weight": 100, "total_score_text": "## ###", "total_score": None,
        "problems": "后期的运维工作中需加入年度和月度考核内容。",
        "project_leader": "黄凯", "finance_leader": "梁丁",
    })
    assert "total_score_unparsed" in sheet["flags"]
    assert "32.24%" in sheet["conclusion"]
    # 改进措施 and the signatures were pushed onto a page without a grid.
    assert sheet["improvements"].startswith("项目已与2024年8月完成，免费运维到期后")
    assert sheet["improvements"].endswith("年度考核分数占总考核分数70%。")
    assert "text_continuation_page" in sheet["flags"] and sheet["last_page"] == sheet["first_page"] + 1
    assert sheet["goal_text"].startswith("根据省大数据中心《关于组织申报“一网通办”")
    assert sheet["completion_text"].startswith("开展“一网通办”乐山分站点建设")


def test_sichuan_provincial_sheet_seed_004():
    result = _read(SICHUAN)
    sheet = _sheet(result, "面向未来城市的基层社会数字化治理系统研制及应用示范项目")
    _check(_rows(result.indicators, sheet), SICHUAN_FIELDS, [
        ("产出指标", "数量指标", "制定地方标准", "≥", "1", 1, "项", "1", 1, 20, 20, None),
        ("产出指标", "数量指标", "汇聚数据量", "≥", "200000000", 200000000, "条", "200000000", 200000000, 25, 25, None),
        ("产出指标", "质量指标", "第三方测试通过率", "≥", "100", 100, "%", "100", 100, 10, 10, None),
        ("效益指标", "社会效益指标", "实现快速通行，服务疫情防控单位数", "≥", "5000", 5000, "家", "5000", 5000, 25, 25, None),
        ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "95", 95, "%", "95", 95, 10, 10, None),
    ])
    _check(_rows(result.budget_rows, sheet), BUDGET_FIELDS, [
        ("总额", "总额", True, "19.82", "21.50", "19.64", "91.35%", "0.9135", "10", 10, "9.1", "9.1"),
        ("其中：财政资金", "财政资金", False, "0.00", "0.00", "0.00", "0.00%", 0, "/", None, "/", None),
        ("财政专户管理资金", "财政专户管理资金", False, "0.00", "0.00", "0.00", "0.00%", 0, "/", None, "/", None),
        ("单位资金", "单位资金", False, "19.82", "21.50", "19.64", "91.35%", "0.9135", "/", None, "/", None),
        ("其他资金", "其他资金", False, None, None, None, None, None, "/", None, "/", None),
    ])
    _check_sheet(sheet, {
        "project_code": "51000022T000006984099", "department": "四川省大数据中心部门",
        "implementer": "四川省大数据技术服务中心", "title_text": "部门预算项目支出绩效自评表（2023年度）",
        "budget_initial": "19.82", "budget_adjusted": "21.50", "budget_executed": "19.64",
        "execution_rate": "0.9135", "budget_weight": 10, "budget_score": "9.1", "budget_reason": "无",
        "total_weight": 100, "total_score": "99.1", "problems": "无", "improvements": "持续高效推进科研工作。",
        "conclusion": "成功制定了1项地方标准，累计汇聚数据量突破2亿条，助力超过5000家单位实现快速通行，"
                      "有效服务于疫情防控工作，推进科研项目验收工作。",
    })


def test_sichuan_cells_wrapped_in_narrow_columns_join():
    result = _read(LESHAN)
    sheet = _sheet(result, "项目综合咨询服务项目")
    rows = _rows(result.indicators, sheet)
    # 专家评审服务: 指标值 '3\n1' is 31, 得分 '1.1\n29' is 1.129; 合计 '10\n0' and '86.\n43'.
    assert (rows[3]["level3"], rows[3]["target_value"], rows[3]["score"]) == ("专家评审服务", 31, Decimal("1.129"))
    assert (sheet["total_weight"], sheet["total_score"]) == (100, Decimal("86.43"))
    # Vertical one-character-per-line labels: 产\n出\n指\n标.
    assert {r["level1"] for r in rows} == {"产出指标"}
    wrapped = _sheet(result, "“乐智游”小程序服务项目")
    assert (wrapped["total_weight"], wrapped["total_score"]) == (95, 90)


def test_sichuan_sheet_continued_by_a_grid_of_another_shape():
    result = _read(LESHAN)
    # The header is 16 columns wide; the rows go on in an 11-column grid on the next page.
    sheet = _sheet(result, "2023年1+3+N信息互联互通平台与公共突发事件应对系统运维服务项目")
    rows = _rows(result.indicators, sheet)
    assert len(rows) == 28 and sheet["last_page"] == sheet["first_page"] + 2
    assert rows[10]["page_number"] == sheet["first_page"] and rows[11]["page_number"] == sheet["first_page"] + 1
    assert tuple(rows[11][f] for f in SICHUAN_FIELDS) == (
        "产出指标", "数量指标", "区县应急平台融合支撑服务", "定性", "按需开展", None, "个", "12", 12, 3, 3, None)
    assert "target_qualitative" in rows[11]["flags"]
    assert rows[3]["target_value"] == 100000 and rows[3]["actual_text"] == "100000"
    assert sheet["improvements"].startswith("1. 升级视频融合平台")
    # This sheet's header has no 度量单位; its continuation grid is read through the
    # document's other 11-column header.
    other = _sheet(result, "2023 年政务外网及政府网站运维项目")
    tail = _rows(result.indicators, other)[-2:]
    assert [tuple(r[f] for f in SICHUAN_FIELDS) for r in tail] == [
        ("效益指标", "社会效益指标", "为社会群众提供信息公开", "≥", "60", 60, None, "60", 60, 15, 15, None),
        ("满意度指标", "服务对象满意度指标", None, "≥", "95", 95, None, "100", 100, 10, 10, None),
    ]
    assert (other["total_weight"], other["total_score"]) == (100, Decimal("90.9"))


def test_sichuan_first_sheet_totals_and_people():
    sheet = _sheet(_read(LESHAN), "1+3+N 线路租用项目")
    _check_sheet(sheet, {
        "budget_initial": "29.60", "budget_adjusted": "29.60", "budget_executed": "29.60",
        "execution_rate": 1, "budget_weight": 10, "budget_score": 10, "total_weight": 100, "total_score": 100,
        "project_leader": "肖杨", "finance_leader": "梁丁", "indicator_count": 6,
    })


# -- Hubei ------------------------------------------------------------------------------------------

HUBEI_FIELDS = ("level1", "level2", "level2_weight", "level3", "weight", "operator", "target_text", "target_value", "unit",
                "actual_text", "actual_value")
HUBEI_BUDGET = ("label_text", "initial", "adjusted", "executed", "execution_rate_text", "execution_rate", "score")


def test_hubei_administration_sheet_seed_001():
    result = _read(WUHAN)
    sheet = _sheet(result, "行政运行项目")
    _check(_rows(result.indicators, sheet), HUBEI_FIELDS, [
        ("产出指标", "数量指标", 20, "按照合同约定取得 339.76㎡办公用房面积", 15, None, "339.76㎡办公用房", None, None,
         "339.76㎡办公用房", None),
        ("产出指标", "质量指标", 20, "保障办公和用房面积达标", 15, None, "100%", 100, "%", "100%", 100),
        ("产出指标", "时效指标", 15, "预算资金执行率", 10, None, "100%", 100, "%", "42.29%", "42.29"),
        ("产出指标", "社会效益指标", 15, "保障办公用房需求，为办公人员提供良好的办公环境，更好地为群众提供服务", 10, None,
         "90%", 90, "%", "90%", 90),
        ("满意度指标", "服务对象满意度指标", 10, "办公人员对办公环境满意", 10, "≥", "≥90%", 90, "%", "≥90%", 90),
    ])
    _check(_rows(result.budget_rows, sheet), HUBEI_BUDGET, [
        ("年度财政资金总额", None, "13.69", "5.79", "42.29%", "0.4229", "8.458"),
    ])
    _check_sheet(sheet, {
        "title_text": "2024 年度行政运行项目绩效自评表", "department": "区大数据中心", "implementer": "区大数据中心",
        "project_category": "部门预算项目", "project_attribute": "持续性项目", "project_type": "常年性项目",
        "budget_adjusted": "13.69", "budget_executed": "5.79", "execution_rate": "0.4229",
        "budget_weight": 20, "budget_score": "8.458", "total_score": None,
        "problems": "因 2024 年 1 月办公地点搬迁，我单位未按预期租用东合中心办公用房，故预算执行率偏低。",
        "improvements": "未来一段时间内我单位将稳定在军山新城春笋办公，无需租赁办公用房",
    })


def test_hubei_online_service_sheet_seed_001():
    result = _read(WUHAN)
    sheet = _sheet(result, "网上群众工作部服务中心")
    _check(_rows(result.indicators, sheet), HUBEI_FIELDS, [
        ("产出指标", "时效指标", None, "及时签收和转办群众诉求", None, "≤", "≤24小时", 24, "小时", "完成", None),
        ("产出指标", "时效指标", None, "市民热线平台诉求件按时办结率", None, None, "100%", 100, "%", "100%", 100),
        ("产出指标", "质量指标", None, "全年24小时值守", None, None, "全年", None, None, "完成", None),
        ("产出指标", "时效指标", None, "每周汇总前一周的工作数据", None, None, "每周五", None, None, "完成", None),
        ("产出指标", "时效指标", None, "每月汇总前一个月的工作数据", None, None, "每月最后一个工作日", None, None, "完成", None),
        ("产出指标", "数量指标", None, "周报", None, "≥", "≥45", 45, None, "52", 52),
        ("产出指标", "数量指标", None, "月报", None, None, "12", 12, None, "12", 12),
        ("满意度指标", "服务对象满意度指标", None, "群众投诉办理满意率", None, "≥", "≥85%", 85, "%", "96.12%", "96.12"),
    ])
    _check(_rows(result.budget_rows, sheet), HUBEI_BUDGET, [
        ("年度财政资金总额", None, "179.54", "179.54", "100%", 1, 20),
    ])
    _check_sheet(sheet, {"budget_weight": 20, "problems": "无", "improvements": "无", "last_page": sheet["first_page"]})


def test_hubei_department_overall_sheet_labels_cut_by_page_breaks():
    result = _read(WUHAN)
    sheet = result.sheets[0]
    _check_sheet(sheet, {
        "sheet_kind": "department_overall", "unit_name": "武汉经开区大数据中心", "project_name": None,
        "basic_expenditure_text": "533.65 万元", "basic_expenditure": "533.65", "project_expenditure": "1623.17",
        "indicator_count": 50, "last_page": sheet["first_page"] + 3,
    })
    assert sheet["goal_text"].startswith("1. 统筹拟订全区城市运行管理发展规划。")
    rows = _rows(result.indicators, sheet)
    fields = ("level1", "level2", "level3", "category", "operator", "target_text", "target_value", "actual_text", "actual_value")
    assert tuple(rows[0][f] for f in fields) == ("运行成本", "公用经费控制", "公用经费控制率", "绩效基本型", ">", ">80%", 80,
                                                 "67.81%", Decimal("67.81"))
    # '5%≤' prints the operator after the figure.
    assert (rows[3]["operator"], rows[3]["target_value"], rows[3]["flags"]) == ("≤", 5, ["target_operator_after_value"])
    # '可持' | '续发展能力' and '体制机制' | '改革' are each one label cut by the page break.
    assert [(r["level1"], r["level2"], r["level3"]) for r in rows[42:44]] == [
        ("可持续发展能力", "体制机制改革", "服务体制改革成效"),
        ("可持续发展能力", "体制机制改革", "行政管理体制改革成效"),
    ]
    # A row cut by the page break ('…, 对' | '生产环境产生影响') is one row.
    network = _rows(result.indicators, _sheet(result, "网络运行与维护项目"))
    assert len(network) == 40
    assert (network[35]["level3"], network[35]["target_text"]) == ("污染物、有毒有害物质产生, 对生产环境产生影响", "不对环境产生影响")


# -- Shandong -----------------------------------------------------------------------------------------

SHANDONG_FIELDS = ("level1", "level1_weight", "level2", "level3", "weight", "operator", "target_text", "target_value", "unit",
                   "actual_text", "actual_value", "completion_rate", "score", "deviation_reason")


def test_shandong_summary_table_seed_002():
    result = _read(RONGCHENG)
    summary = result.sheets[0]
    assert (summary["sheet_kind"], summary["title_text"]) == ("summary", "2024 年度预算项目绩效自评情况汇总表")
    _check(result.summary_rows, ("section", "serial", "project_name", "fund_user", "score", "grade"), [
        ("本级项目支出绩效自评", "1", "2022 年省级“数字山东”发展资金（2023 年上级专款）", "荣成市大数据中心", 99, "优"),
        ("本级项目支出绩效自评", "2", "2023 年省级“数字山东”发展资金（2023 年上级专款）", "荣成市大数据中心", 96, "优"),
        ("本级项目支出绩效自评", "3", "2024 年省级“数字山东”发展资金（2024 年上级专款）", "荣成市大数据中心", 100, "优"),
        ("本级项目支出绩效自评", "4", "2024 年全市信息化项目建设", "荣成市大数据中心", 97, "优"),
    ])


def test_shandong_first_sheet_seed_002():
    result = _read(RONGCHENG)
    sheet = _sheet(result, "2022年省级“数字山东”发展资金（2023年上级专款）")
    _check(_rows(result.indicators, sheet), SHANDONG_FIELDS, [
        ("成本指标", 20, "经济成本", "大数据创新应用项目成本", 6, "≤", "≤75万元", 75, "万元", "=40万元", 40, 1, 6, None),
        ("成本指标", 20, "经济成本", "新型智慧城市提升工程一试点示范创建类项目成本", 8, "≤", "≤110万元", 110, "万元",
         "=110万元", 110, 1, 8, None),
        ("成本指标", 20, "经济成本", "新型智慧城市提升工程-智慧社区建设类项目成本", 6, "≤", "≤28.6万元", "28.6", "万元",
         "=28.6万元", "28.6", 1, 6, None),
        ("产出指标", 40, "数量指标", "基础性智慧社区创建数量", 20, "≥", "≥3个", 3, "个", "=5个", 5, 1, 20, None),
        ("产出指标", 40, "质量指标", "智慧社区验收", 10, None, "通过", None, None, "通过", None, 1, 10, None),
        ("产出指标", 40, "时效指标", "智慧社区建设完成时间", 10, None, "2024年12月1日前", None, None, "2024年12月1日前", None,
         1, 10, None),
        ("效益指标", 20, "社会效益指标", "社区群众生活质量", 10, None, "切实提升", None, None, "切实提升", None, 1, 10, None),
        ("效益指标", 20, "可持续影响指标", "社区安全性", 10, None, "切实提高", None, None, "切实提高", None, 1, 10, None),
        ("满意度指标", 10, "服务对象满意度指标", "服务对象满意度", 10, "≥", "≥95%", 95, "%", "=95%", 95, 1, 10, None),
    ])
    _check(_rows(result.budget_rows, sheet), BUDGET_FIELDS, [
        ("年度资金总额", "年度资金总额", True, "213.6", "213.6", "193.6", "90.60%", "0.906", "10", 10, "9.06", "9.06"),
        ("其中：当年财政拨款", "当年财政拨款", False, "213.6", "213.6", "193.6", "90.60%", "0.906", "10", 10, "9.06", "9.06"),
        ("上年结转资金", "上年结转资金", False, None, None, None, None, None, "-", None, "-", None),
        ("其他资金", "其他资金", False, None, None, None, None, None, "-", None, "-", None),
    ])
    # 90.60% is printed for 193.6 / 213.6 (= 90.64%): the printed rate is kept, not recomputed.
    _check_sheet(sheet, {
        "layout": "shandong", "department": "荣成市人民政府办公室", "implementer": "荣成市大数据中心",
        "title_text": "市级预算项目支出绩效自评表", "budget_initial": "213.6", "budget_adjusted": "213.6",
        "budget_executed": "193.6", "execution_rate_text": "90.60%", "execution_rate": "0.906",
        "budget_weight": 10, "budget_score": "9.06", "total_score_text": "99.06", "total_score": "99.06", "grade": "优",
    })
    assert "grade_from_summary" in sheet["flags"]
    assert sheet["goal_text"].startswith("做好全市大数据创新应用项目对接")


def test_shandong_second_sheet_seed_002():
    result = _read(RONGCHENG)
    sheet = _sheet(result, "2023年省级“数字山东”发展资金(2023年上级专款)")
    _check(_rows(result.indicators, sheet), SHANDONG_FIELDS, [
        ("成本指标", 20, "经济成本", "新型智慧城市建设资金成本", 5, "≤", "≤36.5万元", "36.5", "万元", "=20万元", 20, 1, 5, None),
        ("成本指标", 20, "经济成本", "智慧社区资金成本", 5, "≤", "≤17万元", 17, "万元", "=17万元", 17, 1, 5, None),
        ("成本指标", 20, "经济成本", "省级新型数据中心资金成本", 5, "≤", "≤3.5万元", "3.5", "万元", "=3.5万元", "3.5", 2, 5, None),
        ("成本指标", 20, "经济成本", "公共数据汇聚治理资金成本", 5, "≤", "≤7.5万元", "7.5", "万元", "=0万元", 0, 1, 5,
         "项目已按照规定完成当年进度,拨款于次年1月拨付"),
        ("产出指标", 40, "数量指标", "标杆型社区建设数量", 10, "≥", "≥1个", 1, "个", "=1个", 1, 1, 10, None),
        ("产出指标", 40, "质量指标", "对接整合数据质量", 15, None, "提高", None, None, "提高", None, 1, 15, None),
        ("产出指标", 40, "时效指标", "标杆型智慧社区打造完成时间", 15, None, "2024年12月1日前", None, None, "2024年11月21日", None,
         1, 15, None),
        ("效益指标", 20, "社会效益指标", "新型智慧城市建设水平", 10, None, "提高", None, None, "提高", None, 1, 10, None),
        ("效益指标", 20, "可持续影响指标", "新型数据中心节能降碳水平", 10, None, "提升", None, None, "提升", None, 1, 10, None),
        ("满意度指标", 10, "服务对象满意度指标", "服务对象满意度", 10, "≥", "≥90%", 90, "%", "=90%", 90, 1, 10, None),
    ])
    _check(_rows(result.budget_rows, sheet), BUDGET_FIELDS[:3] + ("initial", "adjusted", "executed", "execution_rate", "score"), [
        ("年度资金总额", "年度资金总额", True, "64.5", "64.5", "40.5", "0.628", "6.28"),
        ("其中:当年财政拨款", "当年财政拨款", False, "64.5", "64.5", "40.5", "0.628", "6.28"),
        ("上年结转资金", "上年结转资金", False, None, None, None, None, None),
        ("其他资金", "其他资金", False, None, None, None, None, None),
    ])
    _check_sheet(sheet, {"execution_rate_text": "62.80%", "total_score": "96.28", "goal_text": None})


# -- Shanxi ---------------------------------------------------------------------------------------------

SHANXI_FIELDS = ("level1", "level2", "level3", "operator", "target_initial_text", "target_adjusted_text", "target_value", "unit",
                 "actual_text", "actual_value", "weight", "score", "deviation_reason")


def test_shanxi_operating_costs_sheet_seed_003():
    result = _read(JINCHENG)
    sheet = _sheet(result, "大数据应用运行费")
    _check(_rows(result.indicators, sheet), SHANXI_FIELDS, [
        ("产出指标", "数量指标", "培训人数", "≥", "≥40人", "≥40人", 40, "人", "≥40人", 40, 10, 10, None),
        ("产出指标", "数量指标", "培训场次", "≥", "≥5次", "≥5次", 5, "次", "≥5次", 5, 10, 10, None),
        ("产出指标", "质量指标", "信息发布错误率", "≤", "≤1%", "≤1%", 1, "%", "≤0%", 0, 3, 3, "未发生错误发布"),
        ("产出指标", "质量指标", "培训考核通过率(%)", "≥", "≥99%", "≥99%", 99, "%", "≥100%", 100, 4, 4, "全部通过培训考核"),
        ("产出指标", "质量指标", "专题片制作达标率", "≥", "≥99%", "≥99%", 99, "%", "≥99%", 99, 3, 3, None),
        ("产出指标", "质量指标", "信息发布及时性", None, "及时", "及时", None, None, "达成预期指标", None, 3, 3, None),
        ("产出指标", "时效指标", "培训及时性", None, "及时", "及时", None, None, "达成预期指标", None, 3, 3, None),
        ("产出指标", "时效指标", "工作开展及时性", None, "及时", "及时", None, None, "达成预期指标", None, 4, 4, None),
        ("产出指标", "成本指标", "人均培训成本(元)", "≤", "≤3000元", "≤3000元", 3000, "元", "≤3000元", 3000, 10, 10, None),
        ("效益指标", "社会效益指标", "培训对象业务能力提升", None, "提升", "提升", None, None, "达成预期指标", None, 30, 30, None),
        ("满意度指标", "服务对象满意度指标", "培训学员满意度(%)", "≥", "≥90%", "≥90%", 90, "%", "≥90%", 90, 10, 10, None),
    ])
    _check(_rows(result.budget_rows, sheet), ("label_text", "is_total", "initial", "adjusted", "executed", "execution_rate"), [
        ("资金总额", True, None, None, None, None),
    ])
    _check_sheet(sheet, {
        "layout": "shanxi", "title_text": "大数据应用运行费项目支出绩效自评表",
        "department_text": "102-晋城市大数据应用局", "department_code": "102", "department": "晋城市大数据应用局",
        "implementer_code": "102001", "implementer": "晋城市大数据应用局",
        "total_score": 90, "grade": "优", "problems": "无", "conclusion": None,
        "improvements": "加强年初工作计划编制的准确性，督导尽快开展相关工作，提高预算执行率。",
    })
    assert "2023年预算下达40万元" in sheet["other_sections_json"]


def test_shanxi_research_sheet_seed_003():
    result = _read(JINCHENG)
    sheet = _sheet(result, "重点课题研究经费")
    _check(_rows(result.indicators, sheet), SHANXI_FIELDS, [
        ("产出指标", "数量指标", "研究课题数量", "=", "=2个", "=2个", 2, "个", "=2个", 2, 20, 20, None),
        ("产出指标", "质量指标", "课题研究完成率", "≥", "≥95%", "≥95%", 95, "%", "≥100%", 100, 10, 10, None),
        ("产出指标", "时效指标", "课题完成时间", None, "2023年1月", "2023年1月", None, None, "未完成预期指标且效果", None,
         10, 0, "指标设置不合理"),
        ("效益指标", "成本指标", "成本指标", None, None, "未填报", None, None, "达成预期指标", None, 10, 4, "成本指标未设置指标值。"),
        ("效益指标", "社会效益指标", "全面科学反映晋城市数字经济推动晋城市数字化改革", None, "全面", "全面", None, None,
         "达成预期指标", None, 15, 15, None),
        ("效益指标", "社会效益指标", "推动", None, "推动", "推动", None, None, "达成预期指标", None, 15, 15, None),
        ("满意度指标", "服务对象满意度", "相关人员满意度", "≥", "≥95%", "≥95%", 95, "%", "≥95%", 95, 10, 10, None),
    ])
    assert "target_unparsed" in _rows(result.indicators, sheet)[2]["flags"]
    _check_sheet(sheet, {"total_score": 74, "grade": "中", "improvements": "在今后研究项目开展过程中，将更加严格要求服务方，扎实做好智库合作。"})


def test_shanxi_budget_block_with_split_initial_budget():
    result = _read(JINCHENG)
    sheet = _sheet(result, "电子政务外网运维服务费用")
    fields = ("label_text", "is_total", "initial_declared", "initial", "adjusted", "executed", "balance",
              "execution_rate_text", "execution_rate", "score")
    _check(_rows(result.budget_rows, sheet), fields, [
        ("资金总额", True, 198, 198, 198, 198, 0, "100", 1, 10),
        ("市县区财政资金", False, 198, 198, 198, 198, 0, "100.00", 1, "10.00"),
    ])
    assert "execution_rate_no_percent_sign" in _rows(result.budget_rows, sheet)[0]["flags"]
    _check_sheet(sheet, {"budget_initial_declared": 198, "budget_initial": 198, "budget_adjusted": 198,
                         "budget_executed": 198, "execution_rate": 1, "budget_score": 10, "total_score": 95, "grade": "优"})


def test_shanxi_footer_pushed_onto_a_text_page():
    result = _read(JINCHENG)
    sheet = _sheet(result, "城市云平台运维服务费用")
    _check_sheet(sheet, {"last_page": sheet["first_page"] + 1, "problems": "无", "improvements": "无", "indicator_count": 12})
    assert "text_continuation_page" in sheet["flags"]


# -- value parsing ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, expected", [
    ("≥8人", ("≥", Decimal(8), "人", None)),
    ("=100%", ("=", Decimal(100), "%", None)),
    ("≤30万元", ("≤", Decimal(30), "万元", None)),
    ("≥616.80平方\n米", ("≥", Decimal("616.80"), "平方米", None)),
    ("1000\n00", (None, Decimal(100000), None, None)),
    ("5%≤", ("≤", Decimal(5), "%", "operator_after_value")),
    ("及时", (None, None, None, "qualitative")),
    ("2024年12月1日前", (None, None, None, "unparsed")),
    ("4-7月", (None, None, None, "unparsed")),
    ("## ###", (None, None, None, "unparsed")),
    ("", (None, None, None, None)),
])
def test_indicator_values(text, expected):
    assert parse_indicator_value(text) == expected
