-- The direction a comparison word states: +1 (增加, 增长, 大于 …), -1 (减少, 下降, 小于 …), 0 (持平,
-- 相同, 等于 …); null for no word (a template's "增加（减少）" states none).
{% macro stated_direction(word) -%}
    case
        when {{ word }} in ('增加', '增长', '上升', '增幅', '大于', '多于', '高于', '超过') then 1
        when {{ word }} in ('减少', '下降', '降低', '降幅', '小于', '少于', '低于') then -1
        when {{ word }} in ('持平', '相同', '一致', '等于', '相等', '基本持平') then 0
    end
{%- endmacro %}
