-- A release's protected figures: hidden ones as 0 with why they are hidden.
INSERT INTO reach_release_figures (release_id, measure, dimension, code, value, suppression)
SELECT $1::uuid, m, d, c, v, s
FROM unnest($2::text[], $3::text[], $4::text[], $5::bigint[], $6::text[]) AS f (m, d, c, v, s)
