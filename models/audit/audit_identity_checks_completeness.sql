{{ config(materialized='table') }}

-- Completeness: a table the contents page names that the report lacks; a table
-- printed as a header only with no note, or with rows but no figure and no note; a printed
-- value that is not a number (in a standard table, or a 绩效自评表's budget, weight or score
-- cell); a title or 截至 date naming another year; a placeholder or another unit's name; a 三公
-- table printed empty while the 情况说明 states 三公 figures. A
-- report published as several PDFs (Jiangsu 预算: 情况说明 and tables apart)
-- lists in one what another prints: a listed table is looked for in all of
-- them.
with listed as (
    select
        contents.*,
        documents.report_id
    from {{ ref('stg_contents_entries') }} as contents
    inner join {{ ref('dim_document') }} as documents on contents.document_id = documents.document_id
),

found as (
    select * from {{ ref('stg_table_instances') }}
),

found_in_report as (
    select
        documents.report_id,
        found.table_name
    from found
    inner join {{ ref('dim_document') }} as documents on found.document_id = documents.document_id
),

missing as (
    select
        listed.document_id,
        'completeness' as family,
        'completeness.listed_table_missing' as check_name,
        listed.table_name,
        listed.table_name as row_key,
        'presence' as measure,
        listed.page_number,
        'the contents (page ' || listed.page_number || ') list "' || listed.listed_text
        || '" but no such table is printed' as details,
        'error' as severity_hint
    from listed
    where not exists (
        select 1 from found_in_report
        where found_in_report.report_id = listed.report_id and found_in_report.table_name = listed.table_name
    )
),

header_only as (
    select
        document_id,
        'completeness' as family,
        'completeness.table_header_only' as check_name,
        table_name,
        table_name as row_key,
        'presence' as measure,
        first_page as page_number,
        'the table is printed with its header only: no row, no figure, no note saying why' as details,
        'warning' as severity_hint
    from found
    where is_empty and empty_note is null and coalesce(body_row_count, 0) = 0
),

unreadable as (
    select
        document_id,
        'completeness' as family,
        'completeness.value_not_a_number' as check_name,
        table_name,
        coalesce(subject_code, line_item, row_label) as row_key,
        measure,
        page_number,
        'printed "' || value_text || '" where a figure belongs' as details,
        'error' as severity_hint
    from {{ ref('stg_table_cells') }}
    where cell_status = 'error'
),

-- sheets: the reader flags a cell it could not read as <field>_unparsed; targets and
-- completion values may be words or dates, so only budget, rate, weight and score cells count
sheet_cells as (
    -- the 合计 row follows the indicators: the page of the last indicator, not the page
    -- the sheet's closing text runs onto
    select
        sheets.document_id,
        sheets.project_name as row_key,
        coalesce(
            (
                select max(indicators.page_number) from {{ ref('stg_performance_indicators') }} as indicators
                where indicators.document_id = sheets.document_id and indicators.sheet_seq = sheets.sheet_seq
            ),
            sheets.first_page
        ) as page_number,
        unnest(sheets.flags) as flag,
        map {
            'total_weight': sheets.total_weight_text, 'total_score': sheets.total_score_text
        } as printed
    from {{ ref('stg_performance_sheets') }} as sheets
    union all
    select
        budget.document_id,
        sheets.project_name || ' / ' || coalesce(budget.label_text, '') as row_key,
        budget.page_number,
        unnest(budget.flags) as flag,
        map {
            'initial': budget.initial_text, 'adjusted': budget.adjusted_text, 'executed': budget.executed_text,
            'execution_rate': budget.execution_rate_text, 'weight': budget.weight_text, 'score': budget.score_text
        } as printed
    from {{ ref('stg_performance_budget_rows') }} as budget
    inner join {{ ref('stg_performance_sheets') }} as sheets
        on budget.document_id = sheets.document_id and budget.sheet_seq = sheets.sheet_seq
    union all
    select
        document_id,
        coalesce(level3, level2) as row_key,
        page_number,
        unnest(flags) as flag,
        map { 'weight': weight_text, 'score': score_text } as printed
    from {{ ref('stg_performance_indicators') }}
),

sheet_unreadable as (
    select
        document_id,
        'completeness' as family,
        'completeness.value_not_a_number' as check_name,
        'performance_sheet' as table_name,
        row_key,
        replace(flag, '_unparsed', '') as measure,
        page_number,
        'printed "' || coalesce(printed[replace(flag, '_unparsed', '')], '') || '" where a figure belongs' as details,
        'error' as severity_hint
    from sheet_cells
    where
        flag in (
            'total_weight_unparsed', 'total_score_unparsed', 'initial_unparsed', 'adjusted_unparsed',
            'executed_unparsed', 'execution_rate_unparsed', 'weight_unparsed', 'score_unparsed'
        )
),

-- Beyond the sums (issue 15): what the printed text says about itself. Lines are compared
-- without whitespace and with full-width ：（） as ASCII, because the reader keeps the spacing
-- of the page ("2024 年度", "单位： 万元").
documents as (
    select
        document_id,
        fiscal_year,
        report_kind,
        translate(regexp_replace(unit_name, '\s', '', 'g'), '：（）', ':()') as unit_name
    from {{ ref('stg_documents') }}
),

page_text as (
    select
        pages.document_id,
        pages.page_number,
        documents.fiscal_year,
        documents.report_kind,
        documents.unit_name,
        translate(regexp_replace(pages.page_text, '[ \t　]', '', 'g'), '：（）', ':()') as page_text
    from {{ ref('stg_pages') }} as pages
    inner join documents on pages.document_id = documents.document_id
),

page_lines as (
    select
        document_id,
        page_number,
        fiscal_year,
        report_kind,
        unit_name,
        unnest(string_split(page_text, chr(10))) as line_text
    from page_text
),

-- (b) a title naming another year than the report's. A title line_text: short, no sentence
-- punctuation, no comparison word (比 / 较 / 上年: "比2023年预算增加" is legitimate), naming 决算
-- or 预算 and ending as a title ends; or a table's header line_text (单位名称：… 2023年度 单位：万元).
title_lines as (
    select
        *,
        unnest(regexp_extract_all(line_text, '(20\d\d)年', 1))::integer as named_year
    from page_lines
    where
        (
            length(line_text) <= 60
            and regexp_matches(line_text, '决算|预算')
            and regexp_matches(line_text, '(表|说明|决算|预算|公开)$')
            and not regexp_matches(line_text, '[。，,；;]|比|较|相比|上年|以前|执行')
        )
        or regexp_matches(line_text, '^(单位名称|部门名称|编制单位|编制部门|部门|单位):.*20\d\d年度?.*单位:')
),

title_years as (
    select distinct on (document_id, page_number, line_text)
        document_id,
        'completeness' as family,
        'completeness.title_names_another_year' as check_name,
        null as table_name,
        line_text as row_key,
        'year' as measure,
        page_number,
        'the title "' || line_text || '" names ' || named_year || '; the report is for ' || fiscal_year as details,
        'error' as severity_hint
    from title_lines
    where named_year != fiscal_year
    order by document_id, page_number, line_text
),

-- (b) an asset count's 截至 date: a 决算 counts at the end of its year, a 预算 (drawn up the year
-- before) at a date of the year before or of its own year
as_of_dates as (
    select
        document_id,
        page_number,
        fiscal_year,
        report_kind,
        unnest(regexp_extract_all(page_text, '截[至止]20\d\d年\d{1,2}月(?:\d{1,2}日)?[^。]{0,60}?(?:车辆|资产|房屋)'))
            as stated
    from page_text
    where regexp_matches(page_text, '截[至止]20\d\d年')
),

as_of_years as (
    select
        document_id,
        'completeness' as family,
        'completeness.as_of_date_another_year' as check_name,
        null as table_name,
        regexp_extract(stated, '截[至止]20\d\d年\d{1,2}月(?:\d{1,2}日)?') as row_key,
        'year' as measure,
        page_number,
        'states "' || replace(left(stated, 60), chr(10), '') || '" in a ' || report_kind || ' report for '
        || fiscal_year as details,
        'error' as severity_hint
    from as_of_dates
    where
        regexp_extract(stated, '截[至止](20\d\d)', 1)::integer
        not in (fiscal_year, case when report_kind = 'budget' then fiscal_year - 1 else fiscal_year end)
),

-- (c) a template's placeholder left in print (上海市XX局, XXX万元, ×××, 某某单位): one finding per page
placeholder_lines as (
    select
        document_id,
        page_number,
        line_text,
        regexp_extract(line_text, 'X{2,}|Ｘ{2,}|×{2,}|某某|○{2,}') as placeholder
    from page_lines
    where regexp_matches(line_text, 'X{2,}|Ｘ{2,}|×{2,}|某某|○{2,}')
),

placeholders as (
    select
        document_id,
        'completeness' as family,
        'completeness.placeholder_text' as check_name,
        null as table_name,
        any_value(placeholder order by line_text) as row_key,
        'name' as measure,
        page_number,
        count(*) || ' line(s) print a placeholder, e.g. "' || min(line_text) || '"' as details,
        'error' as severity_hint
    from placeholder_lines
    group by document_id, page_number
),

-- (c) a unit named in a table's header line_text (单位名称：…) or a part / table title (…2024年度部门决算表)
-- that is not the report's unit. An abbreviation is the same unit (省人大办公厅 for 江苏省人大常委会办公厅:
-- the shorter name's characters in order, the dropped ones holding no 区 / 县 / 市 / 省 / 州 / 旗);
-- dropping a region makes another unit (上海市规划和自然资源局 is not 上海市普陀区规划和自然资源局).
table_pages as (
    select distinct
        document_id,
        first_page as page_number
    from found
),

printed_names as (
    select
        page_line.document_id,
        page_line.page_number,
        page_line.unit_name,
        page_line.line_text,
        coalesce(
            nullif(regexp_extract(
                page_line.line_text, '^(?:单位名称|部门名称|编制单位|编制部门|部门|单位):(.+?)(?:20\d\d年度?)?(?:金额)?单位:', 1
            ), ''),
            nullif(regexp_extract(
                page_line.line_text, '^(?:第[一二三四五六七八九十]+部分)?(.+?)20\d\d年度?(?:部门|单位)(?:决算|预算)(?:表|情况说明)?$', 1
            ), '')
        ) as printed
    from page_lines as page_line
    where
        exists (
            select 1 from table_pages
            where table_pages.document_id = page_line.document_id and table_pages.page_number = page_line.page_number
        )
        or regexp_matches(page_line.line_text, '^第[一二三四五六七八九十]+部分')
),

name_patterns as (
    select
        *,
        -- each name as a pattern of its characters in order, gaps free of region words
        '^[^区县市省州旗]*' || array_to_string(
            list_transform(string_split(printed, ''), lambda c: regexp_escape(c)), '[^区县市省州旗]*'
        ) || '[^区县市省州旗]*$' as printed_in_order,
        '^[^区县市省州旗]*' || array_to_string(
            list_transform(string_split(unit_name, ''), lambda c: regexp_escape(c)), '[^区县市省州旗]*'
        ) || '[^区县市省州旗]*$' as unit_in_order
    from printed_names
    where
        printed is not null
        and length(printed) >= 4
        and not regexp_matches(printed, '部分$|X{2,}|×{2,}|某某|○{2,}')
        and not regexp_matches(unit_name, 'X{2,}|×{2,}|某某|○{2,}')
),

other_units as (
    select distinct on (document_id, page_number, printed)
        document_id,
        'completeness' as family,
        'completeness.names_another_unit' as check_name,
        null as table_name,
        printed as row_key,
        'name' as measure,
        page_number,
        'prints "' || line_text || '": the unit named is not ' || unit_name || ' (the cover''s)' as details,
        'warning' as severity_hint
    from name_patterns
    where
        printed != unit_name
        and not regexp_full_match(unit_name, printed_in_order)
        and not regexp_full_match(printed, unit_in_order)
    order by document_id, page_number, printed
),

-- (d) a table printed with its rows but no figure and no 空表说明 on its pages (本表无数据, 此表为空,
-- 注：本单位无…); header-only tables are table_header_only above
table_page_text as (
    select
        found.document_id,
        found.table_name,
        found.first_page,
        string_agg(page_text.page_text, chr(10)) as pages_text
    from found
    inner join page_text
        on
            found.document_id = page_text.document_id
            and page_text.page_number between found.first_page and coalesce(found.last_page, found.first_page)
    where found.is_empty and found.empty_note is null and coalesce(found.body_row_count, 0) > 0
    group by all
),

empty_without_note as (
    select
        document_id,
        'completeness' as family,
        'completeness.empty_table_without_note' as check_name,
        table_name,
        table_name as row_key,
        'presence' as measure,
        first_page as page_number,
        'the table prints its rows but no figure, and no note says why (本表无数据 / 注：本单位无…)' as details,
        'warning' as severity_hint
    from table_page_text
    where not regexp_matches(pages_text, '(本|此)表(无数据|为空)|空表|无相关|(本|该)(单位|部门)[^。\n]{0,30}(无|没有)')
),

-- (d) the 情况说明 states a 三公 figure above zero while the 三公 table prints none
three_public_stated as (
    select
        document_id,
        min(page_number) as page_number,
        string_agg(stated_text, ', ' order by page_number) as stated
    from {{ ref('stg_narrative_figures') }}
    where topic like 'three\_public\_%' escape '\' and stated_rate is null and stated_wan > 0
    group by document_id
),

three_public_empty as (
    select
        found.document_id,
        'completeness' as family,
        'completeness.three_public_stated_table_empty' as check_name,
        found.table_name,
        found.table_name as row_key,
        'presence' as measure,
        found.first_page as page_number,
        'the “三公” table prints no figure while the 情况说明 (page ' || stated.page_number || ') states '
        || stated.stated as details,
        'error' as severity_hint
    from found
    inner join three_public_stated as stated on found.document_id = stated.document_id
    where found.table_name = 'three_public' and found.is_empty
),

all_checks as (
    select * from missing
    union all
    select * from header_only
    union all
    select * from unreadable
    union all
    select * from sheet_unreadable
    union all
    select * from title_years
    union all
    select * from as_of_years
    union all
    select * from placeholders
    union all
    select * from other_units
    union all
    select * from empty_without_note
    union all
    select * from three_public_empty
)

{{ decided_checks_from(['all_checks']) }}
