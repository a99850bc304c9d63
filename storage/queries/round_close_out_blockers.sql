-- What keeps round $1 from being closed out: its submitted applications
-- with no decision, its approvals with no award, its offers unanswered.
SELECT
  (SELECT count(*) FROM applications AS ap
   WHERE ap.round_id = $1::uuid AND ap.state IN ('submitted', 'returned')
     AND NOT EXISTS (SELECT 1 FROM decisions AS d WHERE d.application_id = ap.id)),
  (SELECT count(*) FROM decisions AS d JOIN applications AS ap ON ap.id = d.application_id
   WHERE ap.round_id = $1::uuid AND d.outcome = 'approve'
     AND NOT EXISTS (SELECT 1 FROM awards AS a WHERE a.application_id = ap.id)),
  (SELECT count(*) FROM awards AS a WHERE a.round_id = $1::uuid AND a.state = 'offered')
