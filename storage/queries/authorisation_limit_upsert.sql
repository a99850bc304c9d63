INSERT INTO authorisation_limits AS l (officer, currency, limit_minor, set_by, set_at)
VALUES ($1, $2, $3, $4, micros_to_ts($5))
ON CONFLICT ON CONSTRAINT authorisation_limits_pkey DO UPDATE
SET currency = EXCLUDED.currency, limit_minor = EXCLUDED.limit_minor,
    set_by = EXCLUDED.set_by, set_at = EXCLUDED.set_at
RETURNING l.officer, l.currency, l.limit_minor, l.set_by, ts_to_micros(l.set_at)
