SELECT f.id, f.name, f.currency, f.contributed_minor, f.drawn_minor,
       ts_to_micros(f.created_at)
FROM funds AS f
WHERE ($3 = '' OR EXISTS (SELECT 1 FROM contributions AS c
                          WHERE c.fund_id = f.id
                            AND c.funder_id = NULLIF($3, '')::uuid))
ORDER BY f.name, f.id
LIMIT $1 OFFSET $2
