"""The projects of a document's 绩效自评 sheets: one to three per project 项 of its ledger, each with its
amounts, performance indicators, scores and grade."""

from __future__ import annotations

import random
from collections.abc import Sequence
from dataclasses import dataclass

from corpus.synthetic.amounts import plain_amount, split_amount
from corpus.synthetic.population import Unit

PROJECT_TOPICS = ("信息化建设运维", "政务云资源服务", "网络安全服务", "档案数字化", "专项业务经费", "系统运维服务",
                  "数据治理", "业务培训", "宣传工作经费", "办公用房租赁", "专用设备购置", "监测服务", "热线运营服务",
                  "平台运行维护", "综合管理", "购买服务", "课题研究")

INDICATORS = (  # 一级, 二级, 三级, 性质, 指标值, 度量单位, 完成值
    ("产出指标", "数量指标", "服务器运维数量", "≥", "{n}", "台", "{n}"),
    ("产出指标", "数量指标", "培训次数", "≥", "{k}", "次", "{k}"),
    ("产出指标", "数量指标", "运维人员", "=", "{k}", "人", "{k}"),
    ("产出指标", "数量指标", "巡检报告", "=", "12", "份", "12"),
    ("产出指标", "质量指标", "系统正常运行率", "≥", "95", "%", "{pct}"),
    ("产出指标", "质量指标", "验收合格率", "=", "100", "%", "100"),
    ("产出指标", "时效指标", "故障响应时间", "≤", "2", "小时", "{hours}"),
    ("产出指标", "时效指标", "项目完成时间", "定性", "{year}年12月底前", "", "按时完成"),
    ("成本指标", "经济成本指标", "项目成本控制", "≤", "{budget}", "万元", "{spent}"),
    ("效益指标", "社会效益指标", "保障政务系统稳定运行", "定性", "保障", "", "达成预期指标"),
    ("效益指标", "可持续影响指标", "长效运维机制", "定性", "建立", "", "已建立"),
    ("满意度指标", "服务对象满意度指标", "服务对象满意度", "≥", "90", "%", "{sat}"),
)


@dataclass
class Project:
    """A project and its 绩效自评 sheet figures (amounts in hundredths of 万元)."""

    name: str
    code: str  # the 项 it is charged to
    initial: int
    adjusted: int
    executed: int
    indicators: list[tuple[str, str, str, str, str, str, str, int, float]]  # l1, l2, l3, op, target, unit, actual, weight, score
    budget_score: float
    conclusion: str
    grade: str


def make_projects(rng: random.Random, unit: Unit, year: int, spending: Sequence[tuple[str, int]]) -> list[Project]:
    """One to three projects per project 项 of ``spending`` (项 code, its 一般公共预算 项目支出, in code order);
    executed amounts add up to the 项's 一般公共预算 项目支出."""
    projects: list[Project] = []
    for code, gb_project in spending:
        if gb_project <= 0:
            continue
        count = 1 if gb_project < 5000 else rng.randint(1, 3)
        for executed in split_amount(gb_project, [rng.random() + 0.2 for _ in range(count)]):
            if executed > 0 and len(projects) < 12:
                projects.append(_project(rng, unit, year, code, executed, len(projects)))
    return projects


def _project(rng: random.Random, unit: Unit, year: int, code: str, executed: int, n: int) -> Project:
    rate = 1.0 if rng.random() < 0.55 else rng.uniform(0.4, 0.99)
    adjusted = max(executed, round(executed / rate))
    initial = adjusted if rng.random() < 0.6 else round(adjusted * rng.uniform(0.8, 1.2))
    budget_score = round(10 * executed / adjusted, 2)
    rows = sorted(rng.sample(INDICATORS, rng.randint(4, 8)), key=INDICATORS.index)
    weights = split_amount(90, [rng.randint(1, 4) for _ in rows])
    values = {"n": rng.randint(20, 400), "k": rng.randint(2, 12), "pct": rng.choice(("98", "99.5", "100", "96.7")),
              "hours": rng.choice(("1", "0.5", "2")), "year": str(year), "budget": plain_amount(adjusted),
              "spent": plain_amount(executed), "sat": rng.choice(("95", "96.12", "98", "92"))}
    indicators = []
    for (l1, l2, l3, op, target, unit_word, actual), weight in zip(rows, weights):
        score = float(weight) if rng.random() < 0.85 else round(weight * rng.uniform(0.5, 0.95), 1)
        indicators.append((l1, l2, l3, op, target.format(**values), unit_word, actual.format(**values), weight, score))
    total = round(budget_score + sum(row[-1] for row in indicators), 2)
    grade = "优" if total >= 90 else "良" if total >= 80 else "中" if total >= 60 else "差"
    topic = PROJECT_TOPICS[(n + unit.index) % len(PROJECT_TOPICS)]
    name = f"{year}年{topic}项目" if rng.random() < 0.5 else f"{topic}项目"
    return Project(name, code, initial, adjusted, executed, indicators, budget_score,
                   f"项目总体完成年度绩效目标，自评得分{score_text(total)}分。", grade)


def score_text(value: float) -> str:
    """A 绩效自评 score: at most 2 decimals, no trailing zeros (9.5, 10)."""
    return f"{value:.2f}".rstrip("0").rstrip(".")
