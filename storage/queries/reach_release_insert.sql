-- A new release; nothing (no row) when the quarter of the programme was
-- released meanwhile.
INSERT INTO reach_releases (programme_id, quarter, reports, withheld, released_by, released_at)
VALUES ($1::uuid, $2, $3, $4::text[], $5, micros_to_ts($6))
ON CONFLICT ON CONSTRAINT reach_releases_once DO NOTHING
RETURNING id
