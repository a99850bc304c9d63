INSERT INTO award_shares (award_id, funder_id, amount_minor)
SELECT $1, s.funder_id, s.amount_minor
FROM unnest($2::uuid[], $3::bigint[]) AS s (funder_id, amount_minor)
