SELECT r.id, r.currency, coalesce(s.microgrant_threshold_minor, 0),
       coalesce(s.offer_validity_days, 30), coalesce(s.updated_by, ''),
       coalesce(ts_to_micros(s.updated_at), 0), r.budget_minor,
       coalesce(c.committed_minor, 0), coalesce(s.fast_path, false),
       coalesce(s.fast_path_mark_percent, 0), coalesce(s.standard_conditions, '{}'),
       coalesce(s.standard_condition_translations, '[]')::text
FROM rounds AS r
LEFT JOIN round_award_settings AS s ON s.round_id = r.id
LEFT JOIN round_commitments AS c ON c.round_id = r.id
WHERE r.id = $1
