INSERT INTO indicators (programme_id, code, name, unit, measure, counting_rule, community,
                        periods, updated_by, updated_at)
VALUES ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, micros_to_ts($10))
ON CONFLICT ON CONSTRAINT indicators_pkey DO UPDATE
SET name = EXCLUDED.name, unit = EXCLUDED.unit, measure = EXCLUDED.measure,
    counting_rule = EXCLUDED.counting_rule, community = EXCLUDED.community,
    periods = EXCLUDED.periods, updated_by = EXCLUDED.updated_by,
    updated_at = EXCLUDED.updated_at
