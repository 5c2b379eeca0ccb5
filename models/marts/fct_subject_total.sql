{{ config(materialized='table') }}

-- Every 类 and 款 total of every coded table: as printed, else derived from the printed children
-- where the report prints only the level below (Hubei prints 项 codes only). A derived total is
-- flagged (is_derived) and names the codes it sums, so a chart by 类 counts every report once.
with coded as (
    select
        document_id,
        table_seq,
        table_name,
        phase,
        classification,
        measure,
        subject_code,
        amount_wan,
        page_number,
        length(subject_code) as code_length
    from {{ ref('fct_budget_line') }}
    where subject_code is not null and length(subject_code) in (3, 5, 7)
),

printed as (
    select
        document_id,
        table_seq,
        table_name,
        phase,
        classification,
        measure,
        subject_code,
        code_length,
        amount_wan,
        page_number,
        false as is_derived,
        null::varchar as derived_from
    from coded
    where code_length in (3, 5)
),

-- 款 from its 项, where the table prints no such 款
derived_sections as (
    select
        items.document_id,
        items.table_seq,
        items.table_name,
        items.phase,
        items.classification,
        items.measure,
        left(items.subject_code, 5) as subject_code,
        5 as code_length,
        sum(items.amount_wan) as amount_wan,
        min(items.page_number) as page_number,
        true as is_derived,
        string_agg(items.subject_code, '+' order by items.subject_code) as derived_from
    from coded as items
    anti join printed
        on
            items.document_id = printed.document_id
            and items.table_seq = printed.table_seq
            and items.measure = printed.measure
            and left(items.subject_code, 5) = printed.subject_code
    where items.code_length = 7
    group by all
),

sections as (
    select * from printed
    where code_length = 5
    union all
    select * from derived_sections
),

-- 类 from its 款 (printed or derived), where the table prints no such 类
derived_classes as (
    select
        sections.document_id,
        sections.table_seq,
        sections.table_name,
        sections.phase,
        sections.classification,
        sections.measure,
        left(sections.subject_code, 3) as subject_code,
        3 as code_length,
        sum(sections.amount_wan) as amount_wan,
        min(sections.page_number) as page_number,
        true as is_derived,
        string_agg(coalesce(sections.derived_from, sections.subject_code), '+' order by sections.subject_code)
            as derived_from
    from sections
    anti join printed
        on
            sections.document_id = printed.document_id
            and sections.table_seq = printed.table_seq
            and sections.measure = printed.measure
            and left(sections.subject_code, 3) = printed.subject_code
    group by all
),

totals as (
    select * from printed
    union all
    select * from derived_sections
    union all
    select * from derived_classes
)

select
    document_id,
    table_seq,
    table_name,
    phase,
    classification,
    measure,
    subject_code,
    amount_wan,
    page_number,
    is_derived,
    derived_from,
    case code_length when 3 then 'class' else 'section' end as subject_level
from totals
