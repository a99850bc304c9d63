-- What an organisation already has in a programme, besides one application
-- ($4), for the eligibility limits: $1 organisation, $2 programme, $3 round;
-- and, when $5, the round's next tracking-reference number (NULL otherwise),
-- which a submission takes at this point anyway, in the same round trip.
-- Only submitted applications count (an approved one was submitted); grants
-- are approved applications, and awards will be counted here too.
-- The organisation's own applications are read first (a handful, by its
-- index): planned the other way round, from the programme's rounds, the
-- count scanned every application of the round, and a deadline rush got
-- slower as the round filled.
WITH mine AS MATERIALIZED (
  SELECT id, round_id, state FROM applications
  WHERE organisation_id = $1 AND submission_version > 0 AND id <> $4
)
SELECT count(*) FILTER (WHERE m.state <> 'withdrawn'),
       count(*) FILTER (WHERE m.round_id = $3),
       count(*) FILTER (WHERE m.round_id = $3 AND m.state = 'approved'),
       count(*) FILTER (WHERE m.state = 'approved'),
       CASE WHEN $5::boolean THEN next_round_reference($3) END
FROM mine AS m JOIN rounds AS r ON r.id = m.round_id
WHERE r.programme_id = $2
