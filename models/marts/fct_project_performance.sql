{{ fact_config() }}

-- One row per 绩效自评表 (project or 部门整体) sheet; the Shandong 汇总表 stays in raw.
with sheets as (
    select
        sheets.*,
        documents.ingested_at,
        documents.unit_name
    from {{ ref('stg_performance_sheets') }} as sheets
    inner join {{ ref('stg_documents') }} as documents on sheets.document_id = documents.document_id
    where sheets.sheet_kind != 'summary'
)

select
    document_id,
    sheet_seq,
    sheet_kind,
    layout,
    project_name,
    budget_initial as budget_initial_wan,
    budget_adjusted as budget_adjusted_wan,
    budget_executed as executed_wan,
    execution_rate,
    execution_rate_text,
    budget_weight,
    budget_score,
    total_score,
    total_score_text,
    grade,
    conclusion,
    problems,
    improvements,
    first_page as page_number,
    last_page,
    flags,
    ingested_at,
    case
        when sheet_kind = 'project' and project_name is not null
            then {{ project_id('project_code', 'project_name', 'department', 'unit_name') }}
    end as project_id
from sheets
where
    true
    {{ new_documents_only() }}
