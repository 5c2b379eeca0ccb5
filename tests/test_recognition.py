"""Title, header and row-key recognition on printed text variants."""

import pytest

from ingestion.read.cover import read_cover
from ingestion.read.headers import header_path, map_columns
from ingestion.read.numbers import figure_among
from ingestion.read.rowkeys import LabelState, SplitCodeState, split_code_and_name
from ingestion.read.titles import join_wrapped_titles, recognise_title, recognise_titled


@pytest.mark.parametrize(
    ("line", "name", "numbering"),
    [
        ("收入支出决算总表", "income_expenditure_summary", ""),
        ("部门收支决算总表 公开01表", "income_expenditure_summary", "公开01表"),
        ("财决公开02表 收入决算表", "income", "财决公开02表"),
        ("三、支出决算表", "expenditure", ""),
        ("财政拨款收支决算总表", "fiscal_appropriation_summary", ""),
        ("财政拨款支出决算明细表", "fiscal_appropriation_detail", ""),
        ("一般公共预算财政拨款支出决算表", "general_budget_expenditure", ""),
        ("一般公共预算财政拨款支出决算明细表", "general_budget_expenditure_detail", ""),
        ("一般公共预算财政拨款基本支出决算明细表", "general_budget_basic_expenditure", ""),
        ("一般公共预算财政拨款项目支出决算表", "general_budget_project_expenditure", ""),
        ("政府性基金预算财政拨款收入支出决算表", "government_fund", ""),
        ("国有资本经营预算财政拨款收入支出决算表", "state_capital_income_expenditure", ""),
        ("国有资本经营预算财政拨款支出决算表", "state_capital_expenditure", ""),
        ("财政拨款“三公”经费支出决算表", "three_public", ""),
        ("部门决算公开相关信息统计表", "disclosure_statistics", ""),
        # 预算 titles take the name of the 决算 table they correspond to (docs/DOMAIN.md, 'Standard tables')
        ("2024年部门财务收支预算总表", "income_expenditure_summary", ""),
        ("公开 02 表：收入预算总表", "income", "公开02表"),
        ("公开 03 表：支出预算总表", "expenditure", "公开03表"),
        ("2024年预算单位财政拨款收支预算总表", "fiscal_appropriation_summary", ""),
        ("财政拨款支出预算表", "fiscal_appropriation_expenditure", ""),
        ("财政拨款基本支出预算表", "fiscal_appropriation_basic_expenditure", ""),
        ("2024年部门一般公共预算支出功能分类预算表", "general_budget_expenditure", ""),
        ("一般公共预算支出预算表", "general_budget_expenditure", ""),
        ("2024年部门一般公共预算基本支出部门预算经济分类预算表", "general_budget_basic_expenditure", ""),
        ("财政拨款政府性基金支出预算表", "government_fund", ""),
        ("2025年部门国有资本经营预算支出功能分类预算表", "state_capital_expenditure", ""),
        ("“三公”经费、会议费、培训费支出预算表", "three_public", ""),
        ("部门“三公”经费和机关运行经费预算表", "three_public", ""),
        ("公开 11 表：一般公共预算机关运行经费支出预算表", "operating_cost", "公开11表"),
        ("2018年政府采购预算表", "procurement", ""),
        ("2024年部门预算收支总表", "income_expenditure_summary", ""),
        ("部门预算收入总表", "income", ""),
        ("单位预算支出总体情况表", "expenditure", ""),
        ("财政拨款预算收支总表", "fiscal_appropriation_summary", ""),
    ],
)
def test_titles_by_text_any_numbering(line, name, numbering):
    assert recognise_title(line) == (name, numbering)


@pytest.mark.parametrize(
    ("line", "name"),
    [
        # the central template names neither 决算 nor 预算表: the title alone on its line
        ("部门收支总表", "income_expenditure_summary"),
        ("表1 2024年部门收支总体情况表", "income_expenditure_summary"),
        ("北京市财政局部门收入总表", "income"),
        ("部门支出总表 单位：万元", "expenditure"),
        ("财政拨款收支总体情况表", "fiscal_appropriation_summary"),
        ("附表3：一般公共预算支出情况表", "general_budget_expenditure"),
        ("2024年度一般公共预算基本支出情况表", "general_budget_basic_expenditure"),
        ("一般公共预算“三公”经费支出表", "three_public"),
        ("政府性基金预算支出表", "government_fund"),
        ("国有资本经营预算支出表", "state_capital_expenditure"),
    ],
)
def test_central_template_titles_name_no_kind(line, name):
    assert recognise_titled(line) == (name, recognise_title(line)[1], "either")


@pytest.mark.parametrize("line", ["详见收入总表。", "收入总表说明", "其他收入总表", "部门整体支出绩效自评表"])
def test_a_sentence_naming_a_table_is_not_its_title(line):
    assert recognise_title(line) is None


@pytest.mark.parametrize(
    "line",
    ["一、收入支出决算总体情况说明", "2024 年度收入、支出总计均为 1069.86 万元。本表反映部门本年度的总收支和年末结转结余情况，详见收入支出决算总表"],
)
def test_narrative_is_not_a_title(line):
    assert recognise_title(line) is None


def test_wrapped_and_vertical_headers_join():
    assert header_path(["本年收入合\n计"]) == ["本年收入合计"]
    assert header_path(["预\n算\n执\n行\n情\n况"]) == ["预算执行情况"]
    assert header_path(["项目", "栏次", None, "1"]) == ["项目"]


def test_side_by_side_groups_and_measures():
    paths = [["经济分类科目编码"], ["科目名称"], ["决算数"]] * 3
    groups = map_columns(paths, "general_budget_basic_expenditure")
    assert len(groups) == 3
    assert [c.role for c in groups[2].columns] == ["code", "name", "measure"]
    summary = map_columns([["收入", "项目"], ["收入", "行次"], ["收入", "决算数"],
                           ["支出", "项目"], ["支出", "行次"], ["支出", "决算数"]], "income_expenditure_summary")
    assert [g.side for g in summary] == ["income", "expenditure"]
    income = map_columns([["科目编码"], ["科目名称"], ["本年收入合计"], ["财政拨款收入"], ["附属单位上缴收入"]], "income")
    assert [c.measure for c in income[0].measure_columns()] == ["total", "fiscal_appropriation", "subsidiary_remit"]


def test_three_public_column_categories():
    base = ["财政拨款“三公”经费"]
    paths = [base + ["合计", "预算数"], base + ["公务用车购置及运行维护费", "小计", "决算数"],
             base + ["公务用车购置及运行维护费", "公务用车购置费", "预算数"],
             base + ["公务用车购置及运行维护费", "公务用车运行维护费", "决算数"], base + ["因公出国(境)费", "预算数"],
             base + ["公务接待费", "决算数"]]
    columns = map_columns(paths, "three_public")[0].columns
    assert [(c.category, c.measure) for c in columns] == [
        ("total", "budget"), ("vehicle_total", "actual"), ("vehicle_purchase", "budget"),
        ("vehicle_operation", "actual"), ("overseas", "budget"), ("reception", "actual")]


def test_split_codes_resolve_across_rows():
    state = SplitCodeState()
    assert state.resolve("201", "", "") == "201"
    assert state.resolve("201", "03", "") == "20103"
    assert state.resolve("201", "03", "50") == "2010350"
    assert state.resolve("", "", "99") == "2010399"  # 项 printed alone inherits 类 and 款
    assert state.resolve("", "04", "") == "20104"
    assert state.resolve("2080505", "", "") == "2080505"
    assert state.resolve("", "", "") is None
    assert split_code_and_name("2010350 事业运行") == ("2010350", "事业运行")
    assert split_code_and_name("合计") == (None, "合计")


def test_repeated_label_is_decided_by_position():
    state = LabelState()
    assert state.resolve("一、一般公共预算财政拨款", "income") == ("general_budget_income", None)
    assert state.resolve("年初财政拨款结转和结余", "income") == ("opening_balance", None)
    assert state.resolve("一、一般公共预算财政拨款", "income") == ("opening_balance_general_budget", None)
    assert state.resolve("总计", "income") == ("grand_total_income", None)
    assert LabelState().resolve("十九、住房保障支出", "expenditure") == (None, "221")


@pytest.mark.parametrize(
    ("cover", "unit", "year", "kind", "scope"),
    [
        ("上海市普陀区财政局\n年度部门决算\n2024", "上海市普陀区财政局", 2024, "final_accounts", "department"),
        ("\n2024 年度\n乐山市大数据中心\n单位决算\n目 录", "乐山市大数据中心", 2024, "final_accounts", "unit"),
        ("中共上海市普陀区委\n社会工作部 2024 年度\n部门决算", "中共上海市普陀区委社会工作部", 2024, "final_accounts",
         "department"),
        # budget covers: the unit on a labelled line, the year of the budget (not of publication)
        ("上海市普陀区2024年区级部门预算\n预算主管部门：上海市普陀区人民政府万里街道办事处\n公开时间：2024年1月",
         "上海市普陀区人民政府万里街道办事处", 2024, "budget", "department"),
        ("上海市普陀区社会福利院2024年单位预算\n预算单位：上海市普陀区社会福利院", "上海市普陀区社会福利院", 2024,
         "budget", "unit"),
        ("江苏省2018年度\n省级部门预算公开报表\n部 门:中共江苏省委办公厅", "中共江苏省委办公厅", 2018, "budget",
         "department"),
        ("江苏省人大常委会办公厅\n2017 年度部门预算\n目 录", "江苏省人大常委会办公厅", 2017, "budget", "department"),
    ],
)
def test_cover_survives_broken_titles(cover, unit, year, kind, scope):
    read = read_cover([cover])
    assert (read.unit_name, read.fiscal_year, read.report_kind, read.scope) == (unit, year, kind, scope)


@pytest.mark.parametrize(("text", "expected"), [
    # Shanghai's template wording of the 政府性基金 section, and Rongcheng's
    ("政府性基金预算财政拨款收入575.03万元，支出568.47万元。",
     [("government_fund_income", "575.03万元"), ("government_fund_expenditure", "568.47万元")]),
    ("2024年度政府性基金预算财政拨款年初结转和结余0万元，本年收入11,500万元，本年支出11,500万元，年末结转和结余0万元。",
     [("government_fund_income", "11,500万元"), ("government_fund_expenditure", "11,500万元")]),
    # the income section's share statement is read once, by the share reader
    ("本年收入合计4260.12万元，其中：政府性基金预算财政拨款收入568.47万元，占13.34%。",
     [("total_income", "4260.12万元"), ("share_of_total_income", "13.34%"), ("government_fund_income", "568.47万元")]),
    # a comparison with an earlier year is kept apart; a later year is a filling-in date
    ("2023年机关运行经费支出35.11万元，比2022年减少79.70万元，主要原因2022年局本级机关运行经费支出35万元。"
     "填报日期：2025年4月2日基本支出533.65万元",
     [("basic_expenditure", "533.65万元"), ("operating_cost", "35.11万元"), ("operating_cost_other_year", "35万元")]),
    ("政府采购支出总额80.3万元，其中：政府采购货物支出33万元、政府采购工程支出0万元、政府采购服务支出47.3万元。",
     [("procurement_total", "80.3万元"), ("procurement_goods", "33万元"), ("procurement_works", "0万元"),
      ("procurement_services", "47.3万元")]),
    # 三公 per category: budget and actual (Rongcheng), completion of the table's budget and shares of the
    # 三公 total (Shanghai), 购置 and 运行维护 apart; a comparison with last year is not a figure of this year
    ("1. 因公出国（境）费预算为 0 万元，支出决算为 0 万元，完成预算的 0%。2.公务接待费预算为1.20万元，支出决算为0.96万元，"
     "完成预算的80%。",
     [("three_public_overseas_budget", "0万元"), ("three_public_overseas_actual", "0万元"),
      ("three_public_reception_budget", "1.20万元"), ("three_public_reception_actual", "0.96万元"),
      ("three_public_overseas_completion_rate", "0%"), ("three_public_reception_completion_rate", "80%")]),
    ("其中：因公出国（境）费决算为 0.00 万元，完成预算的 0.00%；公务接待费支出决算为 0.39 万元，完成预算的 19.50%。",
     [("three_public_overseas_actual", "0.00万元"), ("three_public_reception_actual", "0.39万元"),
      ("three_public_overseas_completion_rate", "0.00%"), ("three_public_reception_completion_rate", "19.50%")]),
    ("因公出国（境）费支出决算 0.00 万元，占 0.00%；公务接待费支出决算 0.39 万元，占100.00%。其中：公务用车购置支出为 0.00 "
     "万元。公务用车运行维护支出 0.00 万元。公务接待费支出决算数比 2023 年度减少 0.15 万元",
     [("three_public_overseas_actual", "0.00万元"), ("three_public_vehicle_purchase_actual", "0.00万元"),
      ("three_public_vehicle_operation_actual", "0.00万元"), ("three_public_reception_actual", "0.39万元"),
      ("three_public_overseas_share", "0.00%"), ("three_public_reception_share", "100.00%")]),
    # the 支出 in a completion sentence is checked like any statement of it; the budget is kept
    ("一般公共预算财政拨款支出年初预算为2732.05万元，支出决算为2219.72万元，完成年初预算的81.25%。",
     [("general_budget_budget", "2732.05万元"), ("general_budget_expenditure", "2219.72万元"),
      ("general_budget_completion_rate", "81.25%")]),
    # a category named in a 公用经费 list or a budget breakdown is not its 三公 决算; "决算为" without 支出
    ("“三公”经费财政拨款支出预算为10万元，其中：因公出国（境）费0万元，公务接待费4万元。公用经费5万元，主要包括："
     "办公费、公务接待费支出0.5万元。公务接待费预算为1万元，决算为0.8万元，完成预算的80%。",
     [("public", "5万元"), ("three_public_budget", "10万元"), ("three_public_reception_budget", "1万元"),
      ("three_public_reception_actual", "0.8万元"), ("three_public_reception_completion_rate", "80%")]),
])
def test_narrative_statements(text, expected):
    from ingestion.read.narrative import read_narrative

    # the figures no topic reads are kept as amount_other (tests/test_narrative_amounts.py)
    figures = read_narrative([{"text": text, "page_number": 3}], 2023)
    assert [(f["topic"], f["stated_text"]) for f in figures if f["topic"] != "amount_other"] == expected


def test_wrapped_title_is_joined_only_when_the_tail_completes_it():
    def line(text, top):
        return {"text": text, "top": top, "bottom": top + 10, "x0": 90.0, "x1": 300.0}

    joined = join_wrapped_titles([line("公开 09 表：一般公共预算“三公”经费、会议费、培训费", 0), line("支出预算表", 12),
                                  line("部门： 江苏省人民检察院 单位：万元", 30)])
    assert [ln["text"] for ln in joined][0] == "公开 09 表：一般公共预算“三公”经费、会议费、培训费支出预算表"
    assert recognise_title(joined[0]["text"]) == ("three_public", "公开09表")
    # a title followed by a short line ending in 表 stays as printed
    kept = join_wrapped_titles([line("收入预算总表", 0), line("续表", 12)])
    assert [ln["text"] for ln in kept] == ["收入预算总表", "续表"]


def test_split_codes_with_a_dropped_leading_zero():
    state = SplitCodeState()
    assert state.resolve("301", "", "") == "301"
    assert state.resolve("301", "2", "") == "30102"  # 上海普陀 2024: 301 | 2 津贴补贴
    assert state.resolve("301", "08", "") == "30108"
    assert state.resolve("208", "05", "2") == "2080502"


def test_a_year_in_a_heading_is_not_a_figure():
    assert not figure_among(["第三部分", "省人大办公厅", "2017", "年度部门预算情况说明"], 2)
    assert figure_among(["30201", "办公费", "2017"], 2)  # 2,017 元 printed without a separator


@pytest.mark.parametrize(("label", "key"), [
    # central-template summary rows of a budget report
    ("一、一般公共预算拨款收入", "general_budget_income"),
    ("二、政府性基金预算拨款收入", "government_fund_income"),
    ("四、财政专户管理资金收入", "fiscal_special_account_income"),
    ("上年结转", "prior_year_balance"),
    ("结转下年", "carry_forward"),
    ("三、单位预留机动经费", "reserve"),
])
def test_budget_summary_labels(label, key):
    assert LabelState().resolve(label, "") == (key, None)
