INSERT INTO extensions AS e (round_id, organisation_id, closes_at, reason,
                             granted_by, granted_at)
VALUES ($1, $2, micros_to_ts($3), $4, $5, micros_to_ts($6))
ON CONFLICT ON CONSTRAINT extensions_pkey
DO UPDATE SET closes_at = EXCLUDED.closes_at, reason = EXCLUDED.reason,
              granted_by = EXCLUDED.granted_by, granted_at = EXCLUDED.granted_at
RETURNING e.round_id, e.organisation_id, ts_to_micros(e.closes_at), e.reason,
          e.granted_by, ts_to_micros(e.granted_at)
