-- Benchmarks only: each award of $1 paid in two halves as a schedule,
-- requests, authorisations and a remittance would leave it. An accepted
-- award: the first half due on its start date, the second on its final
-- report, both scheduled. An active award: the first half paid (requested by
-- bench-officer-a, authorised by bench-officer-b), the second scheduled. A
-- terminated award: the first half paid, the second cancelled.
WITH a AS MATERIALIZED (
  SELECT id, currency, state, amount_minor / 2 AS first_half,
         amount_minor - amount_minor / 2 AS second_half, start_date,
         offered_at + interval '2 days' AS requested_at
  FROM awards
  WHERE id = ANY ($1::uuid[])
),
paid_first AS (
  INSERT INTO payments (award_id, instalment, currency, amount_minor, due_kind, due_date,
                        state, requested_by, requested_at, authorised_by, authorised_at,
                        instruction_id, acknowledged_at, paid_minor, paid_date,
                        bank_reference, created_by, updated_at)
  SELECT id, 1, currency, first_half,
         CASE WHEN paid THEN 'on_acceptance' ELSE 'on_date' END,
         CASE WHEN paid THEN NULL ELSE start_date END,
         CASE WHEN paid THEN 'paid' ELSE 'scheduled' END,
         CASE WHEN paid THEN 'bench-officer-a' ELSE '' END,
         CASE WHEN paid THEN requested_at END,
         CASE WHEN paid THEN 'bench-officer-b' ELSE '' END,
         CASE WHEN paid THEN requested_at + interval '1 hour' END,
         CASE WHEN paid THEN gen_random_uuid() END,
         CASE WHEN paid THEN requested_at + interval '1 day' END,
         CASE WHEN paid THEN first_half END,
         CASE WHEN paid THEN (requested_at + interval '1 day')::date END,
         CASE WHEN paid THEN 'BACS ' || left(id::text, 8) ELSE '' END,
         'bench-officer', requested_at
  FROM a, LATERAL (SELECT state <> 'accepted' AS paid) AS p
)
INSERT INTO payments (award_id, instalment, currency, amount_minor, due_kind, state,
                      created_by, updated_at)
SELECT id, 2, currency, second_half, 'on_final_report',
       CASE WHEN state = 'terminated' THEN 'cancelled' ELSE 'scheduled' END,
       'bench-officer', requested_at
FROM a
