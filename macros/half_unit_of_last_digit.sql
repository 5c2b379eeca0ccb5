-- The exact bound of honest rounding (docs/DOMAIN.md, 'Rounding bound'): every printed
-- figure is off its true value by at most half a unit of its last printed digit, so an identity
-- may miss by at most the sum of those half units over the figures it involves. A blank cell is
-- an exact zero and adds nothing.

-- Half a unit of the last digit of the last number printed in `text`, in that number's own unit
-- ("1,069.86" -> 0.005, "5,086万元" -> 0.5, "183.6万元" -> 0.05). Built as a decimal literal, so exact.
{% macro half_unit_of_last_digit(text) -%}
    (
        '0.' || repeat('0', length(coalesce(regexp_extract(
            regexp_replace({{ text }}, '\s', '', 'g'), '[0-9０-９](?:[.．]([0-9０-９]+))?[^0-9０-９]*$', 1
        ), ''))) || '5'
    )::decimal(22, 10)
{%- endmacro %}
