-- A programme's indicators ($2: only this code when set), one row per
-- period, with the actual read from the programme's reach totals (the
-- indicator's community, or the totals).
SELECT i.code, i.name, i.unit, i.measure, i.counting_rule, i.community, i.updated_by,
       ts_to_micros(i.updated_at), coalesce(p.period, ''), coalesce(p.baseline, 0),
       coalesce(p.target, 0),
       coalesce(CASE i.measure WHEN 'supported' THEN t.supported ELSE t.reached END, 0)
FROM indicators AS i
LEFT JOIN LATERAL jsonb_to_recordset(i.periods) AS p (period text, baseline bigint, target bigint)
  ON true
LEFT JOIN reach_totals AS t
  ON t.scope = 'programme' AND t.scope_id = i.programme_id::text
 AND t.period = coalesce(p.period, '')
 AND t.dimension = CASE WHEN i.community = '' THEN '' ELSE 'community' END
 AND t.code = i.community
WHERE i.programme_id = $1 AND ($2 = '' OR i.code = $2)
ORDER BY i.code, p.period
