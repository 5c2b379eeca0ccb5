"""Where the narrative's comparisons are read: a change against last year and a 决算 against its 预算.

"与2023年度相比，收入合计增加14.96万元，增长0.7%，主要原因是…" states a direction (增加), an
amount, a rate and a reason; "支出决算数小于年初预算数" states a direction against the budget. The
checks (``audit_identity_checks_narrative``) hold the words against the figures, so each statement
keeps its words and figures as printed: the figure it is about (this year's, or the 决算), the one it
is compared with when the text states it (last year's, or the 预算), and the reason that follows.

Page text is normalised (no whitespace, NFKC) as in ``narrative``.
"""

from __future__ import annotations

import re
from decimal import Decimal, InvalidOperation

from ingestion.read.numbers import normalise_text

_NUM = r"\d[\d,]*(?:\.\d+)?"
_UP, _DOWN, _FLAT = ("增加", "增长", "上升", "增幅", "多于", "大于", "高于", "超过"), \
    ("减少", "下降", "降低", "降幅", "少于", "小于", "低于"), ("持平", "相同", "一致", "等于", "基本持平")
# a template's alternative left in ("增加（减少）", "增加/减少", "下降（增长）"): no direction is stated
_ALTERNATIVE = r"(?:\((?:增加|减少|增长|下降)\)|/(?:增加|减少|增长|下降))?"
_LEAD = re.compile(r"(?:与|比|较|同)(?:上一?年度?|(?P<year>\d{4})年度?)(?:同期)?(?:决算数?|预算(?:执行)?数?)?"
                   r"(?:相比|相较|比较)?[,:]?")
# what changed, then how: "收、支总计各增加 X 万元，增长 Y%" / "减少 X 万元" / "持平"
_CHANGE = re.compile(r"(?P<subject>[^\d,.;:。()%]{0,24}?)(?P<word>基本持平|持平|相同|一致|增加|减少|增长|下降|上升|降低)"
                     + r"(?P<alt>" + _ALTERNATIVE + r")了?(?:(?P<amount>" + _NUM + r")万元"
                     r"(?:[,]?(?P<rate_word>增长|下降|减少|增加|上升|降低|增幅|降幅)(?P<rate_alt>" + _ALTERNATIVE
                     + r")(?:了|为)?(?P<rate>" + _NUM + r")%)?|(?P<rate_only>" + _NUM + r")%)?")
# "支出决算数小于年初预算数" / "决算数等于预算数" / "决算数与预算数基本持平"
_VERSUS_BUDGET = re.compile(r"(?:支出决算数?|决算数?|支出数)(?:(?P<word>大于|小于|等于|多于|少于|高于|低于)(?:年初|全年)?预算数?"
                            r"|与(?:年初|全年)?预算数?(?P<flat>基本持平|持平|相等|一致))")
_BUDGET = re.compile(r"(?:年初|全年)?预算(?:数)?为?(?P<value>" + _NUM + r")万元")
_ACTUAL = re.compile(r"(?:支出)?决算(?:数)?为?(?P<value>" + _NUM + r")万元")
_COMPLETION = re.compile(r"完成(?:年初|全年)?预算(?:数)?的?(?P<rate>" + _NUM + r")%")
_MONEY = re.compile(r"(?<![\d.])(?P<value>" + _NUM + r")万元")
# a reason given for the change: "主要原因是…", "主要是…", "由于…", "增加的原因…"
_REASON = re.compile(r"原因|主要是|主要由于|由于|因为|系因")
_SENTENCE_END = re.compile(r"[。;；]")
_FULL_STOP = re.compile(r"。")
_YEAR_NAMED = re.compile(r"(\d{4})年|上年|上一年")
_LABEL_TAIL = re.compile(r"(?:均为|各为|分别为|为|是|:)$")


def _decimal(text: str | None) -> Decimal | None:
    if text is None:
        return None
    try:
        return Decimal(text.replace(",", ""))
    except InvalidOperation:
        return None


def _direction(word: str | None, alternative: str | None) -> str | None:
    """The direction a word states; None for a template's "增加（减少）" that states none."""
    if not word or alternative:
        return None
    return word


def read_statements(pages: list[dict], fiscal_year: int | None) -> list[dict]:
    """Every comparison the text of ``pages`` states, in page order."""
    out: list[dict] = []
    for page in pages:
        text = normalise_text(page["text"])
        out += _changes(text, page["page_number"], fiscal_year)
        out += _versus_budget(text, page["page_number"])
    for seq, record in enumerate(out, start=1):
        record["statement_seq"] = seq
    return out


def _sentence_bounds(text: str, at: int, ends: re.Pattern[str] = _SENTENCE_END) -> tuple[int, int]:
    start = max((m.end() for m in ends.finditer(text, 0, at)), default=0)
    end = ends.search(text, at)
    return start, end.end() if end else len(text)


def _reason(text: str, start: int, end: int) -> str | None:
    """The reason stated in the statement's sentence (before or after it) or in the next one, sentences
    ending at a full stop: "…下降14.98%；财政拨款支出总计减少…，下降14.98%。主要原因是…" gives both theirs."""
    sentence_start, sentence_end = _sentence_bounds(text, end, _FULL_STOP)
    _, next_end = _sentence_bounds(text, sentence_end, _FULL_STOP) if sentence_end < len(text) else (0, sentence_end)
    for lo, hi in ((end, next_end), (sentence_start, start)):
        match = _REASON.search(text, lo, hi)
        if match:
            clause_start = max((m.end() for m in re.finditer(r"[。;；,]", text[:match.start()])), default=0)
            clause_start = max(clause_start, lo)
            _, reason_end = _sentence_bounds(text, match.start(), _FULL_STOP)
            return text[clause_start:min(reason_end, hi)].rstrip("。;；")[:80]
    return None


def _label_before(text: str, at: int) -> str:
    """The words naming a figure that starts at ``at`` ("收入合计" of "2024年度收入合计2156.82万元")."""
    words = re.split(r"[,。;；:]", text[max(0, at - 24):at])[-1]
    return _LABEL_TAIL.sub("", re.sub(r"^.*?\d{4}年度?", "", words))


def _earlier_year(clause: str, fiscal_year: int | None) -> bool:
    years = _YEAR_NAMED.findall(clause)
    return bool(years) and (years[-1] == "" or (fiscal_year is not None and int(years[-1]) < fiscal_year))


def _figures_before(text: str, lead_at: int, taken: list[tuple[int, int]], fiscal_year: int | None):
    """Money figures of the statement's sentence and the one before, not inside an earlier statement:
    (position, printed, value, label, names an earlier year)."""
    sentence_start, _ = _sentence_bounds(text, lead_at)
    previous_start, _ = _sentence_bounds(text, max(sentence_start - 1, 0)) if sentence_start else (0, 0)
    found = []
    for match in _MONEY.finditer(text, previous_start, lead_at):
        if any(lo <= match.start() < hi for lo, hi in taken):
            continue
        clause = re.split(r"[,。;；]", text[max(0, match.start() - 30):match.start()])[-1]
        found.append((match.start(), match.group(0), _decimal(match.group("value")),
                      _label_before(text, match.start()), _earlier_year(clause, fiscal_year)))
    return found


def _stated_last_year(text: str, lead_at: int, figures: list):
    """Last year's figure when the comparison states it ("2023年当年预算执行数为60.13万元，2024年预算
    安排25.77万元，比2023年…减少57.14%"): a figure naming an earlier year in the lead's own sentence, at
    most three clauses before it (an earlier sentence's year is another subject's)."""
    sentence_start, _ = _sentence_bounds(text, lead_at)
    for figure in reversed(figures):
        if figure[4] and figure[0] >= sentence_start and len(re.findall(r"[,]", text[figure[0]:lead_at])) <= 3:
            return figure
    return None


def _pick_this_year(figures: list, subject: str, first: bool):
    """This year's figure: the one whose label ends with the statement's subject, else (for the first
    statement after a lead) the nearest this-year figure before it."""
    this_year = [f for f in figures if not f[4]]
    key = re.sub(r"各$|^(?:的|其中)", "", subject)
    if key:
        named = [f for f in this_year if f[3] and (f[3].endswith(key) or key.endswith(f[3]))]
        if named:
            return named[-1]
    return this_year[-1] if first and this_year else None


def _changes(text: str, page_number: int, fiscal_year: int | None) -> list[dict]:
    out: list[dict] = []
    taken: list[tuple[int, int]] = []
    for lead in _LEAD.finditer(text):
        year = lead.group("year")
        if year and fiscal_year is not None and int(year) >= fiscal_year:
            continue  # "与2024年6月…" in a 2024 report is a date, not a comparison
        position, first = lead.end(), True
        _, sentence_end = _sentence_bounds(text, lead.start(), _FULL_STOP)
        while position < sentence_end:
            match = _CHANGE.match(text, position)
            if not match or (not match.group("amount") and not match.group("rate_only")
                             and match.group("word") not in _FLAT):
                break
            figures = _figures_before(text, lead.start(), taken, fiscal_year)
            this_year = _pick_this_year(figures, match.group("subject"), first)
            last_year = _stated_last_year(text, lead.start(), figures)
            taken.append((lead.start(), match.end()))
            rate = match.group("rate") or match.group("rate_only")
            out.append({
                "kind": "change_vs_last_year", "page_number": page_number,
                "statement_text": (text[lead.start():match.end()] if first else match.group(0))[:200],
                "subject_text": match.group("subject"),
                "direction_word": _direction(match.group("word"), match.group("alt")),
                "amount_text": match.group("amount") and match.group("amount") + "万元",
                "amount_wan": _decimal(match.group("amount")),
                # "减少57.14%": the direction word is the rate's own
                "rate_word": _direction(match.group("rate_word"), match.group("rate_alt")) if match.group("rate")
                else _direction(match.group("word"), match.group("alt")) if match.group("rate_only") else None,
                "rate_text": rate and rate + "%",
                "rate_percent": _decimal(rate),
                "figure_text": this_year and this_year[1], "figure_wan": this_year and this_year[2],
                "base_text": last_year and last_year[1], "base_wan": last_year and last_year[2],
                "reason_text": _reason(text, lead.start(), match.end()),
            })
            first = False
            # "…，下降14.98%，支出总计减少1,264.10万元，下降14.98%": the same lead goes on after a comma
            position = match.end() + (1 if text[match.end():match.end() + 1] in ",、;；" else 0)
            if position == match.end():
                break
    return out


def _versus_budget(text: str, page_number: int) -> list[dict]:
    """"决算数大于预算数": the direction, with the 预算, 决算 and completion rate its sentence (or the
    one before) states."""
    out = []
    for match in _VERSUS_BUDGET.finditer(text):
        sentence_start, _ = _sentence_bounds(text, match.start())
        scopes = [(sentence_start, match.start())]
        if sentence_start:
            scopes.append((_sentence_bounds(text, sentence_start - 1)[0], sentence_start))
        budget = actual = rate = None
        for lo, hi in scopes:
            budget = budget or _last(_BUDGET, text, lo, hi)
            actual = actual or _last(_ACTUAL, text, lo, hi)
            rate = rate or _last(_COMPLETION, text, lo, hi)
            if budget or actual or rate:
                break
        out.append({
            "kind": "actual_vs_budget", "page_number": page_number,
            "statement_text": text[max(sentence_start, match.start() - 60):match.end()][:200],
            "subject_text": None, "direction_word": match.group("word") or match.group("flat"),
            "amount_text": None, "amount_wan": None, "rate_word": None,
            "rate_text": rate and rate.group("rate") + "%", "rate_percent": rate and _decimal(rate.group("rate")),
            "figure_text": actual and actual.group("value") + "万元",
            "figure_wan": actual and _decimal(actual.group("value")),
            "base_text": budget and budget.group("value") + "万元", "base_wan": budget and _decimal(budget.group("value")),
            "reason_text": _reason(text, match.start(), match.end()),
        })
    return out


def _last(pattern: re.Pattern[str], text: str, lo: int, hi: int) -> re.Match | None:
    found = None
    for found in pattern.finditer(text, lo, hi):  # noqa: B007 (the last one is wanted)
        pass
    return found
