"""Reading one PDF into plain records (no database): pages and lines, rulings and grids, unruled tables,
titles, headers, key columns and row keys, numbers, the cover, the narrative and the 绩效自评表 sheets;
`extract.extract_document` puts them together."""
