-- What of fund $1 no award holds: its balance (contributed less what rounds
-- draw) plus each live round's budget less what it has committed. Kept
-- apart from the awards' own figures, so the two can be checked against
-- each other.
SELECT f.contributed_minor - f.drawn_minor
       + coalesce((SELECT sum(coalesce(c.budget_minor, r.budget_minor)
                              - coalesce(c.committed_minor, 0))
                   FROM rounds AS r
                   JOIN programmes AS p ON p.id = r.programme_id
                   LEFT JOIN round_commitments AS c ON c.round_id = r.id
                   WHERE p.fund_id = f.id AND r.state <> 'cancelled'), 0)::bigint
FROM funds AS f
WHERE f.id = $1
