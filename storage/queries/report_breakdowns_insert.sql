INSERT INTO report_breakdowns (report_id, dimension, code, supported, reached)
SELECT $1, d, c, s, r
FROM unnest($2::text[], $3::text[], $4::bigint[], $5::bigint[]) AS b (d, c, s, r)
