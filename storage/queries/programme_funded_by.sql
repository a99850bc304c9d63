-- Whether funder $2 funds programme $1: it contributes to the programme's
-- fund, or has a share of one of the programme's awards.
SELECT EXISTS (SELECT 1 FROM programmes AS p
               JOIN contributions AS c ON c.fund_id = p.fund_id
               WHERE p.id = $1::uuid AND c.funder_id::text = $2)
    OR EXISTS (SELECT 1 FROM award_shares AS s
               JOIN awards AS a ON a.id = s.award_id
               JOIN rounds AS r ON r.id = a.round_id
               WHERE r.programme_id = $1::uuid AND s.funder_id::text = $2)
