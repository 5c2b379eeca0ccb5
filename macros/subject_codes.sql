-- The tables keyed by 部门预算支出经济分类 codes (the 决算's basic expenditure table; a budget
-- report's 财政拨款基本支出 and 机关运行经费 tables); every other coded table is keyed by 功能分类.
{% macro is_economic_table(table_name) -%}
    {{ table_name }} in (
        'general_budget_basic_expenditure', 'fiscal_appropriation_basic_expenditure', 'operating_cost'
    )
{%- endmacro %}

-- Level and parent of a classification code from its length (3/5/7 digits).
{% macro subject_level(code) -%}
    case length({{ code }}) when 3 then 'class' when 5 then 'section' when 7 then 'item' end
{%- endmacro %}

{% macro parent_code(code) -%}
    case when length({{ code }}) > 3 then left({{ code }}, length({{ code }}) - 2) end
{%- endmacro %}

-- An exact amount as text without trailing zeros (117.880000 -> 117.88).
{% macro amount_text(column) -%}
    regexp_replace(regexp_replace({{ column }}::varchar, '(\.\d*?)0+$', '\1'), '\.$', '')
{%- endmacro %}

-- A printed subject name as two names are compared: no leading ordinal (一、 （一） 1. 1、, as
-- rowkeys._LEADING_ENUM strips them) or 其中：, no space, brackets full-width.
{% macro name_key(column) -%}
    regexp_replace(
        replace(replace({{ column }}, '(', '（'), ')', '）'),
        '^(其中[:：]?)?([一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d{1,2}[、.．])?|\s', '', 'g'
    )
{%- endmacro %}

-- A project's key: its printed code, else its name within its 主管部门 (or the unit).
{% macro project_id(code, name, department, unit) -%}
    md5(coalesce({{ code }}, concat_ws('|', {{ name }}, coalesce({{ department }}, {{ unit }}))))
{%- endmacro %}

-- The standard columns every identity-check family model ends with (numeric checks). bound_wan:
-- Σ half units of the figures compared (macros/rounding.sql), the most honest rounding can miss by.
{% macro identity_checks_from(relations) -%}
    select
        document_id,
        family,
        check_name,
        table_name,
        row_key,
        measure,
        page_number,
        details,
        expected_wan::decimal(20, 6) as expected_wan,
        actual_wan::decimal(20, 6) as actual_wan,
        (actual_wan - expected_wan)::decimal(20, 6) as difference_wan,
        bound_wan::decimal(22, 8) as bound_wan,
        0::decimal(20, 6) as precision_unit,
        false as is_failed,
        null::varchar as severity_hint
    from (
        select * from {{ relations | join(' union all select * from ') }}
    ) as checks
    where expected_wan is not null and actual_wan is not null
{%- endmacro %}

-- The standard columns every decided check ends with (a presence, a name, a printed text): it failed
-- as printed, so it has no figures and no rounding bound.
{% macro decided_checks_from(relations) -%}
    select
        document_id,
        family,
        check_name,
        table_name,
        row_key,
        measure,
        null::decimal(20, 6) as expected_wan,
        null::decimal(20, 6) as actual_wan,
        null::decimal(20, 6) as difference_wan,
        0::decimal(22, 8) as bound_wan,
        0::decimal(20, 6) as precision_unit,
        page_number,
        details,
        true as is_failed,
        severity_hint
    from (
        select * from {{ relations | join(' union all select * from ') }}
    ) as checks
{%- endmacro %}

-- Two printed names of one code that may be the same name: equal, one cut short (a prefix of the
-- other), or one an abbreviation of the other (its characters in order in the other). Both are name_key'd.
{% macro names_compatible(left, right) -%}
    (
        starts_with({{ left }}, {{ right }}) or starts_with({{ right }}, {{ left }})
        or regexp_full_match({{ right }}, '.*' || array_to_string(
            list_transform(string_split({{ left }}, ''), lambda c: regexp_escape(c)), '.*'
        ) || '.*')
        or regexp_full_match({{ left }}, '.*' || array_to_string(
            list_transform(string_split({{ right }}, ''), lambda c: regexp_escape(c)), '.*'
        ) || '.*')
    )
{%- endmacro %}
