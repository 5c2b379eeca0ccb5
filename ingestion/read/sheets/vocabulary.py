"""The words of a 绩效自评表, as patterns over normalised text (NFKC, no whitespace): what opens a sheet,
its identity labels, budget, goal and indicator headers, totals, footers, operators and values."""

from __future__ import annotations

import re

# -- vocabulary (patterns over normalised text: NFKC, no whitespace) ----------------------

_SUMMARY_SCORE = re.compile(r"^(自评得分|自评等级|评价得分|评价等级|自评分数?)$")
_SHEET_START = re.compile(r"^(项目名称|单位名称|部门名称)$")
_SHEET_CONFIRM = re.compile(r"主管部门|实施单位|预算单位|年度目标|绩效指标|一级指标|预算执行")
_TITLE = re.compile(r"(绩效自评表|自评情况汇总表|自评结果汇总表)")
_ENUMERATED = re.compile(r"^([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\([一二三四五六七八九十]+\))")

_IDENTITY = [
    ("project_name", re.compile(r"^项目名称$")),
    ("department", re.compile(r"^主管部门(及代码)?$")),
    ("implementer", re.compile(r"^((项目)?实施单位(\(盖章\))?|预算单位)$")),
    ("unit_name", re.compile(r"^(单位|部门)名称$")),
    ("project_code", re.compile(r"^项目(编码|代码|编号)$")),
    ("project_category", re.compile(r"^项目类别$")),
    ("project_attribute", re.compile(r"^项目属性$")),
    ("project_type", re.compile(r"^项目类型$")),
    ("basic_expenditure", re.compile(r"^基本支出总额$")),
    ("project_expenditure", re.compile(r"^项目支出总额$")),
]

_BUDGET_FIELDS = [
    ("initial_declared", re.compile(r"^目标申报数")),
    ("initial", re.compile(r"^(预算编制数|年初预算数?)$")),
    ("adjusted", re.compile(r"^(调整后(全年)?预算数?|全年预算数?(\(A\))?|预算数(\(A\))?)$")),
    ("executed", re.compile(r"^((预算|全年|实际)?执行数(\(B\))?)$")),
    ("score", re.compile(r"^得分")),  # before 执行率: Hubei prints 得分（20分*执行率）
    ("rate", re.compile(r"执行率")),
    ("balance", re.compile(r"结(\(转\)|转)?(\(存\))?余|结转")),
    ("weight", re.compile(r"^(权重|分值)")),
    ("reason", re.compile(r"原因|偏差")),
]
_BUDGET_CORE = {"initial", "initial_declared", "adjusted", "executed", "rate"}
_FUND_TOTAL = re.compile(r"(总额|合计|总计)")

_INDICATOR_FIELDS = [
    ("level1", re.compile(r"^一级指标")),
    ("level2", re.compile(r"^二级指标")),
    ("level3", re.compile(r"^三级指标")),
    ("operator", re.compile(r"^指标性质$")),
    ("target_adjusted", re.compile(r"^调整后指标值")),
    ("target_initial", re.compile(r"^年初指标值")),
    ("target", re.compile(r"^(指标值|年度指标值|年初目标值|目标值|预期指标值)")),
    ("unit", re.compile(r"^(度量单位|计量单位)$")),
    ("actual", re.compile(r"^(完成值|实际完成值|实际值|全年实际值)")),
    ("completion_rate", re.compile(r"^完成率")),
    ("weight", re.compile(r"^(权重|分值)")),
    ("score", re.compile(r"^得分")),
    ("reason", re.compile(r"原因|偏差")),
    ("category", re.compile(r"^指标(分类|类型)$")),
]
_LEVELS = {"level1", "level2", "level3"}
_VALUE_FIELDS = ("operator", "target", "target_initial", "target_adjusted", "unit", "actual", "weight", "score")

_GOAL = re.compile(r"^(项目)?年度(总体)?目标$|^年初预期目标$")
_COMPLETION = re.compile(r"^(年度目标完成情况|实际完成情况|目标实际完成情况|完成情况)$")
_IMPLEMENTATION = re.compile(r"实施内容|^(2|二)[.、]?$")

_FOOTERS = [
    ("conclusion", re.compile(r"^(评价结论|自评结论|绩效自评结论|总体评价结论)$")),
    ("problems", re.compile(r"^(存在(的)?问题|(项目管理中)?存在的主要问题及原因分析|偏差大或目标未完成原因分析)$")),
    ("improvements", re.compile(r"^(改进措施|下一步改进措施(及管理建议)?|改进措施及结果拟应用方案)$")),
    ("analysis", re.compile(r"^(项目实施(的|和)?预算执行情况(及分析)?|(产出|效益|满意度)情况(及分析)?|主要经验做法)$")),
]
# Footer labels as printed, for recognising their fragments on a text-only page.
_FOOTER_WORDS = ["评价结论", "存在问题", "改进措施", "项目管理中存在的主要问题及原因分析", "下一步改进措施及管理建议",
                 "偏差大或目标未完成原因分析", "改进措施及结果拟应用方案", "主要经验做法"]
_TOTAL = re.compile(r"^(合计|总分|总计|合计得分|自评总分)$")
_PERSON = re.compile(r"(项目负责人|财务负责人)[:：]?\s*(\S*)")
_GRADES = {"优", "良", "中", "差", "优秀", "良好", "合格", "不合格"}

_OPERATORS = {"≥": "≥", ">=": "≥", "≧": "≥", "=>": "≥", "≤": "≤", "<=": "≤", "≦": "≤", "=<": "≤",
              "=": "=", "==": "=", ">": ">", "<": "<", "定性": "定性"}
_OP = r"(?P<op>>=|<=|=>|=<|==|[≥≤≧≦=><])"
_VALUE = re.compile(rf"^{_OP}?(?P<num>-?\d+(?:\.\d+)?)(?P<unit>[^\d≥≤≧≦<>=]{{0,8}})$")
_VALUE_OP_AFTER = re.compile(rf"^(?P<num>-?\d+(?:\.\d+)?)(?P<unit>%?){_OP}$")
_LABEL_WEIGHT = re.compile(r"[(（]\s*(\d+(?:\.\d+)?)\s*分\s*[)）]$")
_CODED_NAME = re.compile(r"^(?P<code>(?=[0-9A-Z]*\d{8})[0-9A-Z]{12,})\s*[-－—]\s*(?P<name>.+)$")
_CODED_UNIT = re.compile(r"^(?P<code>\d{2,})\s*[-－—]\s*(?P<name>.+)$")
_CHECKED = re.compile(r"\d*[.、．]?\s*([^\d■☑□]+?)\s*[■☑√]")
# Labels that close a level-1/level-2 merged cell; others may have been cut by a page break.
_COMPLETE_LABEL = re.compile(r"(指标|标|度|率|成本|效率|效能|能力|管理|控制|编制|执行|支撑|产出\d*|分\))$")
_TEMPLATE_PROMPT = re.compile(r"^(结合自评情况|对照年度目标|针对项目自评中发现的问题)")
