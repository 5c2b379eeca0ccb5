"""The 绩效自评表 (project performance self-evaluation sheets) of the families that print them."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field

from corpus.render import Cell, Table
from corpus.synthetic.amounts import plain_amount
from corpus.synthetic.families import DocContext
from corpus.synthetic.narrative import percent_of
from corpus.synthetic.projects import Project, score_text

# --------------------------------------------------------------------------- 绩效自评表

@dataclass
class Sheet:
    """A performance sheet: heading lines, one ruled table, lines below it."""

    heading: list[tuple[str, float, str]]  # (text, size, align)
    table: Table
    after: list[str] = field(default_factory=list)


def vertical(text: str) -> str:
    """A label printed one character per line in a tall narrow cell."""
    return "\n".join(text)


def _sheet_amount(project: Project, cents: int, precise: bool) -> str:
    """Sheets print what the budget system holds: 2 decimals, or 元-exact 6 decimals (155.099998)."""
    if precise and cents:
        return f"{cents / 100 - 0.000002:.6f}"
    return f"{cents / 100:.2f}"


def _rate(project: Project) -> str:
    return f"{100 * project.executed / project.adjusted:.2f}%" if project.adjusted else "0.00%"


def sichuan_sheet(doc: DocContext, p: Project, n: int) -> Sheet:
    """部门预算项目支出绩效自评表 (seed 000): vertical 项目基本情况 / 预算执行情况 / 绩效指标 labels."""
    u = doc.unit
    precise = doc.rng.random() < 0.2
    # 年初预算 / 调整后预算数 share narrow columns with 二级 / 三级指标: 元-exact figures wrap in them.
    w = [18, 52, 36, 36, 40, 46, 34, 48, 32, 34, 147]
    rows: list[list] = [
        [Cell("项目名称", colspan=2), None, Cell(p.name, colspan=9)] + [None] * 8,
        [Cell("主管部门", colspan=2), None, Cell(u.parent, colspan=4), None, None, None, Cell("实施单位", colspan=2), None,
         Cell(u.name, colspan=3), None, None],
        [Cell(vertical("项目基本情况"), rowspan=3), Cell("1. 项目年度目标完成情况", rowspan=2), Cell("项目年度目标", colspan=4),
         None, None, None, Cell("年度目标完成情况", colspan=5), None, None, None, None],
        [None, None, Cell(f"完成{p.name}年度建设及运行维护任务，保障业务正常开展。", colspan=4), None, None, None,
         Cell("对照年度目标，已完成相关任务目标。", colspan=5), None, None, None, None],
        [None, "2. 项目实施内容及过程概述", Cell("按照项目管理办法组织实施，定期开展巡检和考核，按合同约定支付款项。", colspan=9)] + [None] * 8,
        [Cell(vertical("预算执行情况(10分)"), rowspan=6), "年度预算数(万元)", "年初预算", "调整后预算数", "预算执行数",
         "预算执行率", "权重", "得分", Cell("原因", colspan=3), None, None],
    ]
    amounts = [_sheet_amount(p, p.initial, precise), _sheet_amount(p, p.adjusted, precise), f"{p.executed / 100:.2f}"]
    reason = "" if p.executed >= p.adjusted * 0.9 else "资金未全部到位，部分款项按合同进度支付。"
    rows.append([None, "总额", *amounts, _rate(p), "10", score_text(p.budget_score), Cell(reason, colspan=3, rowspan=5), None, None])
    rows.append([None, "其中：财政资金", *amounts, _rate(p), "10", score_text(p.budget_score), None, None, None])
    for label in ("财政专户管理资金", "单位资金", "其他资金"):
        rows.append([None, label, "", "", "", "", "", "", None, None, None])
    k = len(p.indicators)
    rows.append([Cell(vertical("绩效指标(90分)"), rowspan=k + 1), "一级指标", "二级指标", "三级指标", "指标性质", "指标值",
                 "度量单位", "完成值", "权重", "得分", "未完成原因分析"])
    for l1, l2, l3, op, target, unit_word, actual, weight, score in p.indicators:
        rows.append([None, l1, l2, l3, op, target, unit_word, actual, str(weight), score_text(score),
                     "" if score == weight else "部分指标未达预期"])
    total = p.budget_score + sum(row[-1] for row in p.indicators)
    rows.append([Cell("合计", colspan=8)] + [None] * 7 + ["100", score_text(total), ""])
    for label, text in (("评价结论", p.conclusion), ("存在问题", "绩效目标设置有待进一步细化。"),
                        ("改进措施", "加强项目过程管理，细化量化绩效指标。")):
        rows.append([Cell(label, colspan=2), None, Cell(text, colspan=9)] + [None] * 8)
    table = Table(w, [], rows, "c" * 11, font_size=7.5, repeat_header=False)
    heading = [(f"附件 {n}" if n == 1 else "", 10, "l"), ("部门预算项目支出绩效自评表", 15, "c")]
    return Sheet([h for h in heading if h[0]], table, [f"项目负责人：{_person(doc, p)}        财务负责人：{_person(doc, None)}"])


def _person(doc: DocContext, p: Project | None) -> str:
    surnames = "王李张刘陈杨黄赵吴周徐孙马朱胡郭何林罗梁"
    given = "伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂"
    key = f"{doc.unit.index}:{p.name if p else 'finance'}"
    h = int(hashlib.sha1(key.encode()).hexdigest(), 16)
    return surnames[h % len(surnames)] + given[(h >> 8) % len(given)] + ("" if h & 1 else given[(h >> 16) % len(given)])


def hubei_sheets(doc: DocContext) -> list[Sheet]:
    """部门整体绩效自评表 then one 项目绩效自评表 per project (seed 001)."""
    led, u, y = doc.ledger, doc.unit, doc.year
    basic, project = led.total("gb_basic"), led.total("gb_project")
    w = [70, 70, 130, 70, 92, 91]
    rows: list[list] = [
        ["单位名称", Cell(u.name, colspan=5)] + [None] * 4,
        ["基本支出总额", Cell(f"{plain_amount(basic)}万元", colspan=2), None, "项目支出总额", Cell(f"{plain_amount(project)}万元", colspan=2), None],
        ["年度目标", Cell("1. 保障机构正常运转，完成年度重点工作任务。\n2. 加强预算管理，提高财政资金使用效益。", colspan=5)] + [None] * 4,
        [Cell(vertical("年度绩效指标"), rowspan=7), "一级指标", "二级指标", "三级指标", "年初目标值", "实际完成值"],
    ]
    personnel_rate = f"{100 * led.public / max(1, led.total('gb_basic')):.2f}%"
    for l1, l2, l3, target, actual in (
        ("运行成本", "公用经费控制", "公用经费控制率", ">80%", personnel_rate),
        ("运行成本", "项目支出成本控制", "会议费控制率", ">95%", "100%"),
        ("管理效率", "预算执行", "预算执行率", "≥90%", percent_of(led.total("general_budget"), led.gb_budget)),
        ("管理效率", "预算编制", "预算编制科学性", "≥95%", "98%"),
        ("管理效率", "财务管理", "资金使用合规性", "≥100%", "100%"),
        ("履职效能", "服务对象满意度", "群众投诉办理满意率", "≥85%", "96.12%"),
    ):
        rows.append([None, l1, l2, l3, target, actual])
    rows.append(["偏差大或目标未完成原因分析", Cell("无", colspan=5)] + [None] * 4)
    overall = Sheet([(f"{y} 年度{u.name}部门整体绩效自评表", 14, "c"), (f"单位名称：{u.name}    填报日期：{y + 1} 年 4 月", 9, "l")],
                    Table(w, [], rows, "cccccc", font_size=8, repeat_header=False),
                    ["注：1.基本支出总额和项目支出总额为财政资金实际支出数。"])
    return [overall] + [_hubei_project(doc, p) for p in led.projects]


def _hubei_project(doc: DocContext, p: Project) -> Sheet:
    u, y = doc.unit, doc.year
    w = [80, 84, 84, 120, 78, 77]
    rows: list[list] = [
        ["项目名称", Cell(p.name, colspan=5)] + [None] * 4,
        ["主管部门", Cell(u.parent, colspan=2), None, "项目实施单位", Cell(u.name, colspan=2), None],
        ["项目类别", Cell("1.部门预算项目 √ 2.财政专项资金 □", colspan=5, align="l")] + [None] * 4,
        ["项目属性", Cell("1.持续性项目 √ 2.新增性项目 □", colspan=5, align="l")] + [None] * 4,
        ["项目类型", Cell("1.常年性项目 √ 2.延续性项目 □ 3.一次性项目 □", colspan=5, align="l")] + [None] * 4,
        [Cell("预算执行情况（万元）（10分）", rowspan=2), "", "预算数（A）", "执行数（B）", "执行率（B/A）", "得分（10分*执行率）"],
        [None, "年度财政资金总额", f"{p.adjusted / 100:.2f}", f"{p.executed / 100:.2f}", _rate(p), score_text(p.budget_score)],
        [Cell(vertical("年度绩效目标"), rowspan=len(p.indicators) + 1), "一级指标", "二级指标", "三级指标", "年初目标值（A）", "实际完成值（B）"],
    ]
    for l1, l2, l3, op, target, unit_word, actual, weight, _score_value in p.indicators:
        op_text = "" if op == "定性" else op
        rows.append([None, l1, l2, f"{l3}（{weight}分）", f"{op_text}{target}{unit_word}", f"{actual}{unit_word if op != '定性' else ''}"])
    rows.append(["偏差大或目标未完成原因分析", Cell("无" if p.executed >= p.adjusted else "部分款项按合同约定次年支付。", colspan=5)] + [None] * 4)
    rows.append(["改进措施及结果拟应用方案", Cell("加强项目执行进度管理。", colspan=5)] + [None] * 4)
    return Sheet([(f"{y} 年度{p.name}绩效自评表", 14, "c"), (f"单位名称：{u.name}    填报日期：{y + 1}年4月", 9, "l")],
                 Table(w, [], rows, "cccccc", font_size=8, repeat_header=False))


def shandong_sheets(doc: DocContext) -> list[Sheet]:
    """绩效自评情况汇总表, then a 市级预算项目支出绩效自评表 per project (seed 002)."""
    led, u, y = doc.ledger, doc.unit, doc.year
    rows: list[list] = [["序号", "项目名称", "资金使用单位", "自评得分", "自评等级"],
                        [Cell("本级项目支出绩效自评", colspan=5, align="l")] + [None] * 4]
    for n, p in enumerate(led.projects, start=1):
        total = p.budget_score + sum(r[-1] for r in p.indicators)
        rows.append([str(n), p.name, u.name, str(round(total)), p.grade])
    if not led.projects:
        rows.append(["1", "无", "", "", ""])
    summary = Sheet([(f"{y} 年度预算项目绩效自评情况汇总表", 14, "c"), (f"单位：{u.name}", 9, "l")],
                    Table([36, 200, 160, 60, 67], [], rows, "clccc", font_size=8, repeat_header=False))
    return [summary] + [_shandong_project(doc, p) for p in led.projects]


def _shandong_project(doc: DocContext, p: Project) -> Sheet:
    u = doc.unit
    w = [34, 52, 110, 62, 62, 48, 50, 45, 60]
    rate = _rate(p)
    budget = [f"{p.initial / 100:g}", f"{p.adjusted / 100:g}", f"{p.executed / 100:g}", "10", rate, score_text(p.budget_score)]
    rows: list[list] = [
        [Cell("项目名称", colspan=2), None, Cell(p.name, colspan=7)] + [None] * 6,
        [Cell("主管部门", colspan=2), None, Cell(u.parent, colspan=3), None, None, Cell("项目实施单位", colspan=2), None,
         Cell(u.name, colspan=2), None],
        [Cell("项目预算执行情况（10分）", colspan=2, rowspan=5), None, "", "年初预算数", "全年预算数（A）", "全年执行数（B）", "分值",
         "执行率（B/A）", "得分"],
        [None, None, "年度资金总额", *budget],
        [None, None, "其中：当年财政拨款", *budget],
        [None, None, "上年结转资金", "", "", "", "-", "", "-"],
        [None, None, "其他资金", "", "", "", "-", "", "-"],
        [Cell(vertical("年度绩效指标"), rowspan=len(p.indicators) + 1), "一级指标", "二级指标", "三级指标（分值）",
         "年度指标值（A）", "实际完成值（B）", "完成率（B/A）", "得分", "偏差原因分析及改进措施"],
    ]
    for l1, l2, l3, op, target, unit_word, actual, weight, score in p.indicators:
        op_text = "" if op == "定性" else op
        rows.append([None, l1, l2, f"{l3}（{weight}分）", f"{op_text}{target}{unit_word}",
                     f"={actual}{unit_word}" if op != "定性" else actual, "100%" if score == weight else f"{100 * score / weight:.0f}%",
                     score_text(score), ""])
    total = p.budget_score + sum(r[-1] for r in p.indicators)
    rows.append([Cell("总分", colspan=3), None, None, Cell(score_text(total), colspan=6)] + [None] * 5)
    return Sheet([("市级预算项目支出绩效自评表", 14, "c"), (f"({doc.year}年度)", 10, "c"), ("单位：万元", 9, "r")],
                 Table(w, [], rows, "c" * 9, font_size=7.5, repeat_header=False),
                 ["注：1. 得分一档最高不能超过该指标分值上限。"])


def shanxi_sheet(doc: DocContext, p: Project) -> Sheet:
    """项目支出绩效自评表 (seed 003): budget block with 目标申报数 / 预算编制数, 总分 with the grade."""
    u = doc.unit
    w = [34, 50, 52, 90, 48, 48, 50, 32, 32, 87]
    left = p.adjusted - p.executed
    rows: list[list] = [
        [Cell("项目名称", colspan=2), None, Cell(p.name, colspan=8)] + [None] * 7,
        [Cell("主管部门及代码", colspan=2), None, Cell(f"102-{u.parent}", colspan=4), None, None, None, "预算单位",
         Cell(f"102001-{u.name}", colspan=3), None, None],
        [Cell("项目资金预算安排及执行进度（万元）", colspan=2, rowspan=3), None, Cell("年初预算数", colspan=2), None,
         Cell("全年预算数", rowspan=2), Cell("全年执行数", rowspan=2), Cell("资金结(转)余", rowspan=2), Cell("执行率", rowspan=2),
         Cell("得分", rowspan=2), Cell("偏差原因分析及改进措施", rowspan=2)],
        [None, None, "目标申报数", "预算编制数", None, None, None, None, None, None],
        [None, None, f"{p.initial / 100:.2f}", f"{p.initial / 100:.2f}", f"{p.adjusted / 100:.2f}", f"{p.executed / 100:.2f}",
         f"{left / 100:.2f}", _rate(p), score_text(p.budget_score), ""],
        [Cell(vertical("绩效指标"), rowspan=len(p.indicators) + 1), "一级指标", "二级指标", "三级指标", "年初指标值",
         "调整后指标值", "实际完成值", "分值", "得分", "偏差原因分析及改进措施"],
    ]
    for l1, l2, l3, op, target, unit_word, actual, weight, score in p.indicators:
        op_text = "" if op == "定性" else op
        value = f"{op_text}{target}{unit_word}"
        rows.append([None, l1, l2, l3, value, value, f"{op_text}{actual}{unit_word}" if op != "定性" else actual, str(weight),
                     score_text(score), "" if score == weight else "根据实际情况调整"])
    total = p.budget_score + sum(r[-1] for r in p.indicators)
    rows.append([Cell("总分", colspan=8)] + [None] * 7 + [score_text(total), p.grade])
    rows.append([Cell("项目绩效分析", rowspan=2), Cell("项目实施和预算执行情况", colspan=2), None,
                 Cell(f"预算下达{plain_amount(p.adjusted)}万元，实际执行{plain_amount(p.executed)}万元，预算执行率为{_rate(p)}。", colspan=7)]
                + [None] * 6)
    rows.append([None, Cell("下一步改进措施及管理建议", colspan=2), None, Cell("加快项目实施进度，提高预算执行率。", colspan=7)] + [None] * 6)
    return Sheet([(f"{p.name}支出绩效自评表", 14, "c"), (f"({doc.year}年度)", 10, "c")],
                 Table(w, [], rows, "c" * 10, font_size=7.5, repeat_header=False),
                 ["备注：“执行率”是执行数与“全年预算数”相比较。"])


def performance_sheets(doc: DocContext) -> list[Sheet]:
    fam = doc.family.key
    projects = doc.ledger.projects
    if fam == "sichuan":
        return [sichuan_sheet(doc, p, n) for n, p in enumerate(projects, start=1)]
    if fam == "hubei":
        return hubei_sheets(doc)
    if fam == "shandong":
        return shandong_sheets(doc)
    if fam == "shanxi":
        return [shanxi_sheet(doc, p) for p in projects]
    return []
