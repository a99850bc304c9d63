SELECT id, org_id, name, ts_to_micros(created_at)
FROM funders
WHERE ($3 = '' OR id = NULLIF($3, '')::uuid)
ORDER BY name, id
LIMIT $1 OFFSET $2
