"""One project or 部门整体 sheet read row by row, each row classified by its own words (identity labels,
budget header, goal header, indicator header, 合计/总分, footer labels), never by its position."""

from __future__ import annotations

import json
import re

from ingestion.read.sheets.columns import _ColumnMap
from ingestion.read.sheets.spans import _Span
from ingestion.read.sheets.values import (
    _amount,
    _checked_options,
    _classify,
    _joined,
    _norm,
    _operator,
    _points,
    _rate,
    _split_code,
    _split_label_weight,
    parse_indicator_value,
)
from ingestion.read.sheets.vocabulary import (
    _BUDGET_CORE,
    _BUDGET_FIELDS,
    _CODED_NAME,
    _CODED_UNIT,
    _COMPLETE_LABEL,
    _COMPLETION,
    _FOOTER_WORDS,
    _FOOTERS,
    _FUND_TOTAL,
    _GOAL,
    _GRADES,
    _IDENTITY,
    _IMPLEMENTATION,
    _INDICATOR_FIELDS,
    _LEVELS,
    _PERSON,
    _TEMPLATE_PROMPT,
    _TITLE,
    _TOTAL,
    _VALUE_FIELDS,
)

# -- one sheet --------------------------------------------------------------------------------

class _SheetReader:
    """Reads the rows of one sheet in order; the block a row belongs to follows its headers."""

    def __init__(self, seq: int, span: _Span, registry: dict[tuple[str, int], _ColumnMap]):
        self.seq, self.span, self.registry = seq, span, registry
        self.sheet = _empty_sheet(seq, span)
        self.budget_rows: list[dict] = []
        self.indicators: list[dict] = []
        self.flags: list[str] = self.sheet["flags"]
        self.sections: dict[str, str] = {}
        self.block: str | None = None
        self.maps: dict[str, _ColumnMap] = {}
        self.grid_maps: dict[str, _ColumnMap | None] = {}
        self.goal_cols: tuple[int, int] | None = None
        self.carried: dict[str, str | None] = {"level1": None, "level2": None}
        self.last_printed: dict[str, str | None] = {"level1": None, "level2": None}
        self.last_footer: str | None = None
        self.words: set[str] = set()
        self.fund_rows = 0
        self.pages_read: set[int] = {g.page_number for g in span.grids}

    # -- driving ---------------------------------------------------------------------
    def read(self, page_text: dict[int, str]) -> None:
        previous_page = self.span.first_page
        for grid in self.span.grids:
            self.grid_maps = {}
            for index, row in enumerate(grid.rows):
                self.words.update(_norm(c) for c in row if c and len(_norm(c)) <= 24)
                self._row(row, grid.page_number, index, after_page_break=index == 0 and grid.page_number != previous_page)
            previous_page = grid.page_number
        for page in self.span.text_pages:
            self._text_page(page, page_text.get(page, ""))
        self._finish()

    def _row(self, row: list[str], page: int, index: int, after_page_break: bool) -> None:
        texts = [_norm(c) for c in row]
        filled = [t for t in texts if t]
        if not filled:
            return
        if self._identity(row, texts) or self._headers(row, texts):
            return
        if _TOTAL.match(filled[0]):
            self._total(row)
        elif any(_PERSON.match(t) for t in filled):
            self._people(row)
        elif self._footer(row, texts):
            return
        elif self.block == "budget":
            self._budget_row(row, page, index)
        elif self.block == "goal":
            self._goal_row(row, texts)
        elif self.block == "indicators":
            self._indicator_row(row, page, index, after_page_break)
        elif self.block == "footer" and self.last_footer:
            self._append_footer(self.last_footer, " ".join(_joined(c) for c in row if _joined(c)))

    def _map(self, block: str, n_cols: int, guess: bool = True) -> _ColumnMap | None:
        """The header a row of this grid is read through (see the module docstring)."""
        if block in self.grid_maps:
            return self.grid_maps[block]
        if not guess and (block not in self.maps or self.maps[block].n_cols != n_cols):
            return self.registry.get((block, n_cols))
        own = self.maps.get(block)
        chosen = None
        if own and own.n_cols == n_cols:
            chosen = own
        elif own and len(own.spans) == n_cols:
            chosen = own.ordinal()
        elif (block, n_cols) in self.registry:
            chosen = self.registry[(block, n_cols)]
        elif own:
            chosen = own.ordinal()
            self._flag(f"{block}_columns_guessed")
        self.grid_maps[block] = chosen
        return chosen

    def _set_map(self, block: str, column_map: _ColumnMap) -> None:
        self.maps[block] = self.grid_maps[block] = column_map
        self.registry[(block, column_map.n_cols)] = column_map
        self.block = block

    def _flag(self, flag: str) -> None:
        if flag not in self.flags:
            self.flags.append(flag)

    # -- identity, headers ---------------------------------------------------------------
    def _identity(self, row: list[str], texts: list[str]) -> bool:
        first = next(i for i, t in enumerate(texts) if t)
        if not _classify(texts[first], _IDENTITY):
            return False
        for i, text in enumerate(texts):
            name = _classify(text, _IDENTITY) if text else None
            if not name:
                continue
            value = next((_joined(row[j]) for j in range(i + 1, len(row))
                          if texts[j] and not _classify(texts[j], _IDENTITY)), None)
            self.sheet.setdefault("_identity", {})[name] = value
        self.block = "identity"
        return True

    def _headers(self, row: list[str], texts: list[str]) -> bool:
        indicator = [_classify(t, _INDICATOR_FIELDS) for t in texts if t]
        if _LEVELS & set(indicator) and len(set(indicator) - {None}) >= 3:
            self._set_map("indicators", _ColumnMap.from_header(row, _INDICATOR_FIELDS))
            return True
        budget = {_classify(t, _BUDGET_FIELDS) for t in texts if t}
        if self.block == "budget" and not self.fund_rows and "initial_declared" in budget:
            # 年初预算数 printed over two sub-columns (目标申报数 | 预算编制数).
            self.maps["budget"].replace(row, _BUDGET_FIELDS)
            return True
        if len(budget & _BUDGET_CORE) >= 2:
            self._budget_header(row, texts)
            return True
        return self._goal_header(row, texts)

    def _budget_header(self, row: list[str], texts: list[str]) -> None:
        column_map = _ColumnMap.from_header(row, _BUDGET_FIELDS)
        self._set_map("budget", column_map)
        self.fund_rows = 0
        section = _joined(row[column_map.spans[0][1]]) if column_map.spans else ""
        _, weight = _split_label_weight(section)
        if weight is not None:
            self.sheet["budget_weight_text"] = f"{weight}"
            self.sheet["budget_weight"] = weight
        # A reason printed in the header band itself (merged over the rows below).
        for name, start, _ in column_map.spans:
            if name.startswith("other") and start > 0 and len(texts[start]) > 12:
                self.sheet["budget_reason"] = _joined(row[start])

    def _goal_header(self, row: list[str], texts: list[str]) -> bool:
        heads = [_header_and_text(cell) for cell in row]
        goal = [i for i, (head, _) in enumerate(heads) if _GOAL.match(head)]
        done = [i for i, (head, _) in enumerate(heads) if _COMPLETION.match(head)]
        if not goal:
            return False
        if not done:
            # 年度目标 | text: a label followed by its value (部门整体 sheets).
            value = next((_joined(row[j]) for j in range(goal[0] + 1, len(row)) if texts[j]), None)
            self._append("goal_text", value)
            self.block = "goal_label"
            return True
        start = max([i for i in goal if i < done[0]] or goal)
        self.goal_cols = (start, done[0])
        self.block = "goal"
        # Header and text in one cell ('项目年度目标\n建设…'): the text follows the header line.
        self._append("goal_text", heads[start][1])
        self._append("completion_text", heads[done[0]][1])
        return True

    # -- blocks -----------------------------------------------------------------------------
    def _budget_row(self, row: list[str], page: int, index: int) -> None:
        column_map = self._map("budget", len(row))
        if column_map is None:
            return
        # The fund source is the label left of the figures; a sheet with a single budget
        # line may print none (the block's own caption is merged over it).
        first_value = min((start for name, start, _ in column_map.spans if not name.startswith("other")), default=len(row))
        label = next((_joined(c) for c in row[:first_value] if re.search(r"[\u4e00-\u9fff]", c or "")), None)
        label = re.sub(r"[:：]$", "", label) if label else None
        record = {"sheet_seq": self.seq, "row_seq": len(self.budget_rows) + 1, "page_number": page, "grid_row_index": index,
                  "label_text": label, "fund_source_zh": re.sub(r"^其中[:：]?", "", label) if label else None,
                  "is_total": bool(_FUND_TOTAL.search(label)) if label else not self.fund_rows,
                  "flags": [] if label else ["unlabelled_budget_row"]}
        for name in ("initial_declared", "initial", "adjusted", "executed", "balance", "weight", "score"):
            reader = _points if name in ("weight", "score") else _amount
            text, value, problem = reader(column_map.text(row, name))
            record[f"{name}_text"], record[name] = text, value
            if problem:
                record["flags"].append(f"{name}_{problem}")
        text, value, problem = _rate(column_map.text(row, "rate"))
        record["execution_rate_text"], record["execution_rate"] = text, value
        if problem:
            record["flags"].append(f"execution_rate_{problem}")
        record["reason"] = column_map.text(row, "reason")
        self.budget_rows.append(record)
        self.fund_rows += 1

    def _goal_row(self, row: list[str], texts: list[str]) -> None:
        label = next((t for t in texts[1:4] if t), "")
        if len(label) <= 16 and _IMPLEMENTATION.search(label):
            start = next(j for j in range(1, len(texts)) if texts[j])
            value = next((_joined(row[j]) for j in range(start + 1, len(row)) if texts[j]), None)
            self._append("implementation_text", value)
            return
        start, done = self.goal_cols
        self._append("goal_text", "".join(_joined(c) for c in row[start:done] if _joined(c)) or None)
        self._append("completion_text", "".join(_joined(c) for c in row[done:] if _joined(c)) or None)

    def _total(self, row: list[str]) -> None:
        """合计 / 总分: weights and scores under their headers, else the figures in print order."""
        column_map = self._map("indicators", len(row), guess=False)
        weight = column_map.text(row, "weight") if column_map else None
        score = column_map.text(row, "score") if column_map else None
        cells = [_joined(c) for c in row if _joined(c)]
        grade = next((c for c in cells if c in _GRADES), None)
        if weight is None and score is None:
            figures = [c for c in cells[1:] if c not in _GRADES]
            weight, score = (figures[0], figures[1]) if len(figures) >= 2 else (None, figures[0] if figures else None)
        if score in _GRADES:
            score = None
        for key, text in (("total_weight", weight), ("total_score", score)):
            printed, value, problem = _points(text)
            self.sheet[f"{key}_text"], self.sheet[key] = printed, value
            if problem:
                self._flag(f"{key}_unparsed")
        if grade:
            self.sheet["grade"] = grade
        self.block = "footer"

    def _people(self, row: list[str]) -> None:
        for cell in row:
            for role, name in _PERSON.findall(_joined(cell)):
                key = "project_leader" if role == "项目负责人" else "finance_leader"
                self.sheet[key] = name or None

    def _footer(self, row: list[str], texts: list[str]) -> bool:
        for i, text in enumerate(texts):
            name = _classify(text, _FOOTERS) if text and len(text) <= 24 else None
            if not name:
                continue
            value = " ".join(_joined(row[j]) for j in range(i + 1, len(row)) if texts[j]) or None
            key = _joined(row[i]) if name == "analysis" else name
            self._append_footer(key, value)
            self.block = "footer"
            return True
        return False

    def _append_footer(self, key: str, value: str | None) -> None:
        self.last_footer = key
        if key in ("conclusion", "problems", "improvements"):
            self._append(key, value)
        elif value:
            self.sections[key] = (self.sections.get(key, "") + value) if key in self.sections else value

    def _append(self, key: str, value: str | None) -> None:
        if value:
            self.sheet[key] = (self.sheet.get(key) or "") + value

    # -- indicators -----------------------------------------------------------------------------
    def _indicator_row(self, row: list[str], page: int, index: int, after_page_break: bool) -> None:
        column_map = self._map("indicators", len(row))
        if column_map is None:
            self._flag("indicator_rows_without_header")
            return
        cells = {name: column_map.text(row, name) for name, _, _ in column_map.spans}
        self._shift_labels(cells, column_map.texts(row, "level3"))
        has_values = any(cells.get(name) for name in _VALUE_FIELDS)
        previous = self.indicators[-1] if self.indicators else None
        if previous and not has_values and not cells.get("level1") and not cells.get("level2"):
            if cells.get("level3"):  # a label wrapped onto a row of its own
                previous["level3"] = (previous["level3"] or "") + cells["level3"]
            return
        if previous and after_page_break and _is_fragment(cells, previous):
            _merge_fragment(previous, cells)
            return
        if after_page_break:
            self._join_cut_labels(cells)
        record = self._indicator(cells, page, index)
        self.indicators.append(record)

    @staticmethod
    def _shift_labels(cells: dict, level3_texts: list[str]) -> None:
        """Two different labels under a merged 三级指标 header with no 二级指标 of their own:
        the first is the 二级指标 drawn one column to the right."""
        distinct = list(dict.fromkeys(level3_texts))
        if len(distinct) == 2 and not cells.get("level2"):
            cells["level2"], cells["level3"] = distinct
        elif len(distinct) >= 2:
            cells["level3"] = distinct[-1]

    def _join_cut_labels(self, cells: dict) -> None:
        """A level-1/2 label cut by the page break ('可持' | '续发展能力') is one label."""
        for level in ("level1", "level2"):
            before, now = self.last_printed.get(level), cells.get(level)
            if before and now and not _COMPLETE_LABEL.search(before):
                joined = before + now
                for record in reversed(self.indicators):
                    if record[level] != before:
                        break
                    record[level] = joined
                cells[level] = joined

    def _indicator(self, cells: dict, page: int, index: int) -> dict:
        printed = {level: cells.get(level) for level in ("level1", "level2")}
        if printed["level1"]:
            self.carried = {"level1": printed["level1"], "level2": None}
        if printed["level2"]:
            self.carried["level2"] = printed["level2"]
        self.last_printed = printed
        level1, level1_weight = _split_label_weight(self.carried["level1"])
        level2, level2_weight = _split_label_weight(self.carried["level2"])
        level3, level3_weight = _split_label_weight(cells.get("level3"))
        record = {"sheet_seq": self.seq, "row_seq": len(self.indicators) + 1, "page_number": page, "grid_row_index": index,
                  "level1": level1, "level1_weight": level1_weight, "level2": level2, "level2_weight": level2_weight,
                  "level3": level3, "category": cells.get("category"), "operator_text": cells.get("operator"),
                  "unit_text": cells.get("unit"), "flags": []}
        for key in ("target", "target_initial", "target_adjusted", "actual"):
            record[f"{key}_text"] = cells.get(key)
        _fill_values(record)
        weight_text = cells.get("weight")
        if weight_text is None and level3_weight is not None:
            weight_text = f"{level3_weight}"
            record["flags"].append("weight_from_label")
        for key, text in (("weight", weight_text), ("score", cells.get("score"))):
            printed_text, value, problem = _points(text)
            record[f"{key}_text"], record[key] = printed_text, value
            if problem:
                record["flags"].append(f"{key}_{problem}")
        rate_text, rate, problem = _rate(cells.get("completion_rate"))
        record["completion_rate_text"], record["completion_rate"] = rate_text, rate
        if problem:
            record["flags"].append(f"completion_rate_{problem}")
        record["deviation_reason"] = cells.get("reason")
        return record

    # -- text-only page ----------------------------------------------------------------------
    def _text_page(self, page: int, text: str) -> None:
        """Footer rows pushed onto a page without a grid: label fragments and their text."""
        fragments, content, found = [], [], False
        for line in text.splitlines():
            cleaned = _norm(line)
            if not cleaned or re.fullmatch(r"\d{1,4}", cleaned):
                continue
            if re.match(r"^(备注|注)[:：]", cleaned) or _TITLE.search(cleaned):
                break
            if _PERSON.search(cleaned):
                self._people([line])
                found = True
                continue
            tokens = line.split()
            while tokens and _is_label_fragment(_norm(tokens[0])):
                fragments.append(_norm(tokens.pop(0)))
            if tokens:
                content.append("".join(tokens))
        label = _label_of(fragments)
        key = next((name for name, pattern in _FOOTERS if label and pattern.match(label)), None)
        if key and content:
            self._append_footer(label if key == "analysis" else key, "".join(content))
        if (key and content) or found:
            self._flag("text_continuation_page")
            self.pages_read.add(page)

    # -- finishing --------------------------------------------------------------------------
    def _finish(self) -> None:
        sheet, identity = self.sheet, self.sheet.pop("_identity", {})
        code, name = _split_code(identity.get("project_name"), _CODED_NAME)
        sheet["project_name"], sheet["project_code"] = name, identity.get("project_code") or code
        for key in ("department", "implementer"):
            sheet[f"{key}_text"] = identity.get(key)
            sheet[f"{key}_code"], sheet[key] = _split_code(identity.get(key), _CODED_UNIT)
        sheet["unit_name"] = identity.get("unit_name")
        for key in ("project_category", "project_attribute", "project_type"):
            sheet[f"{key}_text"] = identity.get(key)
            sheet[key] = _checked_options(identity.get(key))
        for key in ("basic_expenditure", "project_expenditure"):
            sheet[f"{key}_text"], sheet[key], _ = _amount(identity.get(key))
        sheet["layout"] = _layout(self.words)
        sheet["other_sections_json"] = json.dumps(self.sections, ensure_ascii=False) if self.sections else None
        sheet["last_page"] = max(self.pages_read)
        sheet["indicator_count"] = len(self.indicators)
        for key in ("conclusion", "problems", "improvements"):
            if sheet.get(key) and _TEMPLATE_PROMPT.match(sheet[key]):
                self._flag(f"{key}_starts_with_template_prompt")
        self._budget_totals()

    def _budget_totals(self) -> None:
        rows = self.budget_rows
        total = next((r for r in rows if r["is_total"]), rows[0] if len(rows) == 1 else None)
        if total is None:
            return
        sheet = self.sheet
        for key in ("initial", "initial_declared", "adjusted", "executed"):
            sheet[f"budget_{key}_text"], sheet[f"budget_{key}"] = total[f"{key}_text"], total[key]
        sheet["execution_rate_text"], sheet["execution_rate"] = total["execution_rate_text"], total["execution_rate"]
        if total["weight"] is not None or sheet["budget_weight"] is None:
            sheet["budget_weight_text"], sheet["budget_weight"] = total["weight_text"], total["weight"]
        sheet["budget_score_text"], sheet["budget_score"] = total["score_text"], total["score"]
        sheet["budget_reason"] = total["reason"] or sheet["budget_reason"]
        for flag in total["flags"]:
            self._flag(f"budget_{flag}")


def _header_and_text(cell: str | None) -> tuple[str, str | None]:
    """A goal header cell, or a header line with its text below it in the same cell."""
    whole = _norm(cell)
    if _GOAL.match(whole) or _COMPLETION.match(whole):
        return whole, None
    lines = (cell or "").strip().split("\n")
    head = _norm(lines[0])
    if _GOAL.match(head) or _COMPLETION.match(head):
        return head, _joined("\n".join(lines[1:])) or None
    return whole, None


def _fill_values(record: dict) -> None:
    """Operator, number and unit of the target (adjusted, else initial, else printed) and actual."""
    for key in ("target_initial", "target_adjusted", "actual"):
        op, value, unit, problem = parse_indicator_value(record[f"{key}_text"])
        record[f"{key}_value"] = value
        if key == "actual":
            record["actual_operator"], record["actual_unit"] = op, unit
        if problem and problem != "qualitative":
            record["flags"].append(f"{key}_{problem}")
    if record["target_text"] is None:
        record["target_text"] = record["target_adjusted_text"] or record["target_initial_text"]
    op, value, unit, problem = parse_indicator_value(record["target_text"])
    record["target_value"] = value
    if problem:
        record["flags"].append(f"target_{problem}")
    column_op = _operator(record["operator_text"])
    if record["operator_text"] and column_op is None:
        record["flags"].append("operator_unrecognised")
    if column_op and op and column_op != op and column_op != "定性":
        record["flags"].append("operator_differs_from_value")
    record["operator"] = column_op or op
    record["unit"] = record["unit_text"] or unit or record["actual_unit"]


def _is_fragment(cells: dict, previous: dict) -> bool:
    """The first row of a page holding the rest of the previous page's last row: it has no
    figures of its own and lacks the completion value the previous row printed."""
    if any(cells.get(k) for k in ("operator", "weight", "score", "level1")):
        return False
    return bool(previous["actual_text"]) and not cells.get("actual") and bool(cells.get("level3") or cells.get("target"))


def _merge_fragment(previous: dict, cells: dict) -> None:
    for source, target in (("level2", "level2"), ("level3", "level3"), ("target", "target_text")):
        if cells.get(source):
            previous[target] = (previous[target] or "") + cells[source]
    previous["flags"] = [f for f in previous["flags"] if not f.startswith("target_")] + ["joined_across_page_break"]
    op, value, unit, problem = parse_indicator_value(previous["target_text"])
    previous["target_value"] = value
    if problem:
        previous["flags"].append(f"target_{problem}")


def _is_label_fragment(token: str) -> bool:
    return bool(token) and len(token) <= 12 and any(token in word for word in _FOOTER_WORDS)


def _label_of(fragments: list[str]) -> str | None:
    """The footer label most of the fragments belong to (vertical labels come out in pieces)."""
    best = max(_FOOTER_WORDS, key=lambda word: sum(len(f) for f in fragments if f in word), default=None)
    if not fragments or not any(f in best for f in fragments):
        return None
    return best


def _layout(words: set[str]) -> str:
    """The layout family named by the header words the sheet prints."""
    if words & {"目标申报数", "预算编制数", "年初指标值", "调整后指标值", "主管部门及代码"}:
        return "shanxi"
    if words & {"三级指标(分值)", "年度指标值(A)", "全年预算数(A)", "完成率(B/A)", "年初预期目标"}:
        return "shandong"
    if words & {"年初目标值(A)", "实际完成值(B)", "项目类别", "执行率(B/A)", "指标分类", "年初目标值"}:
        return "hubei"
    if words & {"指标性质", "度量单位", "调整后预算数", "预算执行数"}:
        return "sichuan"
    return "unknown"


def _empty_sheet(seq: int, span: _Span) -> dict:
    sheet = {"sheet_seq": seq, "sheet_kind": span.kind, "title_text": span.title, "first_page": span.first_page,
             "last_page": span.last_page, "layout": None, "flags": []}
    for key in ("project_name", "project_code", "unit_name", "goal_text", "completion_text", "implementation_text",
                "conclusion", "problems", "improvements", "grade", "project_leader", "finance_leader",
                "execution_rate_text", "execution_rate", "budget_reason", "total_weight_text", "total_weight",
                "total_score_text", "total_score", "budget_weight_text", "budget_weight", "budget_score_text", "budget_score"):
        sheet[key] = None
    for key in ("initial", "initial_declared", "adjusted", "executed"):
        sheet[f"budget_{key}_text"] = sheet[f"budget_{key}"] = None
    return sheet
