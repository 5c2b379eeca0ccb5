-- The figures that add up: per document, table and phase, the finest printed level of each coded
-- table (codes with no printed child) in the columns that make up the total column
-- (macros/is_part_measure.sql; a one-column table's only column), and the 三公 table's finest
-- categories. Σ of them per table is its printed 合计 (within rounding); summary tables restate
-- these tables and are left out, so nothing is counted twice.
with lines as (
    select * from {{ ref('int_budget_lines') }}
    where table_name not in ('income_expenditure_summary', 'fiscal_appropriation_summary')
),

parts as (
    select
        *,
        {{ is_part_measure('table_name', 'measure') }} as is_part,
        bool_or({{ is_part_measure('table_name', 'measure') }})
            over (partition by document_id, table_seq) as table_has_parts
    from lines
),

coded as (
    select * from parts
    where subject_code is not null and (is_part or not table_has_parts) and measure not in ('budget', 'actual')
),

finest_codes as (
    select coded.*
    from coded
    anti join coded as children
        on
            coded.document_id = children.document_id
            and coded.table_seq = children.table_seq
            and coded.measure = children.measure
            and length(children.subject_code) > length(coded.subject_code)
            and starts_with(children.subject_code, coded.subject_code)
),

-- 三公: 合计 = 出国 + 公务用车 (购置 + 运行维护) + 接待 (+ 会议费 + 培训费 in budget reports)
three_public as (
    select * from parts
    where
        table_name = 'three_public'
        and (
            line_item in ('overseas', 'vehicle_purchase', 'vehicle_operation', 'reception', 'meeting', 'training')
            -- 公务用车 where the table prints no split of it
            or (
                line_item = 'vehicle_total'
                and not exists (
                    select 1 from parts as split
                    where
                        split.document_id = parts.document_id
                        and split.table_seq = parts.table_seq
                        and split.measure = parts.measure
                        and split.line_item in ('vehicle_purchase', 'vehicle_operation')
                )
            )
        )
),

additive as (
    select * from finest_codes
    union all
    select * from three_public
)

select
    document_id,
    table_seq,
    table_name,
    phase,
    classification,
    subject_code,
    line_item,
    measure,
    amount_wan,
    half_unit_wan,
    value_text,
    page_number
from additive
