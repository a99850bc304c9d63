-- What stands between award $1 and completion: its payments not yet
-- settled (neither paid, cancelled nor failed), whether its final report
-- is accepted, its reports awaiting review, its variations still proposed;
-- and how much it has paid.
SELECT
  coalesce((SELECT array_agg(p.id::text ORDER BY p.instalment) FROM payments AS p
            WHERE p.award_id = $1::uuid
              AND p.state NOT IN ('paid', 'cancelled', 'failed')), '{}'),
  EXISTS (SELECT 1 FROM report_requirements AS q
          JOIN reports AS r ON r.requirement_id = q.id
          WHERE q.award_id = $1::uuid AND q.kind = 'final' AND r.state = 'accepted'),
  (SELECT count(*) FROM reports AS r
   WHERE r.award_id = $1::uuid AND r.state = 'submitted'),
  (SELECT count(*) FROM award_variations AS v
   WHERE v.award_id = $1::uuid AND v.state = 'proposed'),
  (SELECT coalesce(sum(p.paid_minor), 0) FROM payments AS p
   WHERE p.award_id = $1::uuid AND p.state = 'paid')
