-- Records the review; an accepted report keeps the funders with a share of
-- its award now, for the funder reach it counts towards.
UPDATE reports AS r
SET state = $2, reviewed_by = $3, reviewed_at = micros_to_ts($4), review_comment = $5,
    funder_ids = CASE WHEN $2 = 'accepted' THEN ARRAY(
                   SELECT s.funder_id FROM award_shares AS s
                   WHERE s.award_id = r.award_id AND s.amount_minor > 0 ORDER BY s.funder_id)
                 ELSE r.funder_ids END
WHERE r.id = $1 AND r.state = 'submitted'
