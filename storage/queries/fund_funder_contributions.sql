-- Each funder's total contribution to fund $1, with its name, earliest
-- contributor first.
SELECT c.funder_id, f.name, sum(c.amount_minor)::bigint
FROM contributions AS c JOIN funders AS f ON f.id = c.funder_id
WHERE c.fund_id = $1
GROUP BY c.funder_id, f.name
ORDER BY min(c.created_at), c.funder_id
