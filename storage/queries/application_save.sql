-- A change of an application in one round trip: the update (as
-- application_update.sql, $1..$13), the new submission when there is one
-- ($14 version, NULL when none; $15 submitted at (micros), $16 content,
-- $17 eligibility, $18 failed rules, as submission_insert.sql) and the audit
-- event of the change ($19..$28, as audit_insert.sql's $1..$10).
WITH a AS (
  UPDATE applications AS a
  SET state = $2, reference = NULLIF($3, ''), content = $4::jsonb,
      amount_minor = $5, boroughs = $6::text[], communities = $7::text[],
      eligibility = $8, submission_version = $9, returned_count = $10,
      return_comment = $11, withdraw_reason = $12, updated_at = micros_to_ts($13)
  WHERE a.id = $1::uuid
  RETURNING a.id, a.round_id, a.organisation_id, coalesce(a.reference, ''), a.state,
         a.content::text, a.eligibility, a.submission_version, a.returned_count,
         a.return_comment, a.withdraw_reason, ts_to_micros(a.created_at),
         ts_to_micros(a.updated_at)
), s AS (
  INSERT INTO application_submissions (application_id, version, submitted_at,
                                       content, eligibility, failed_rules)
  SELECT $1::uuid, $14::integer, micros_to_ts($15::bigint), $16::jsonb,
         $17::text, $18::jsonb
  WHERE $14::integer IS NOT NULL
), e AS (
  INSERT INTO audit_events (occurred_at, actor, role, action, entity_type,
                            entity_id, request_id, peer, summary, mac)
  VALUES (micros_to_ts($19), $20, $21, $22, $23, $24, $25, $26, $27,
          decode($28, 'hex'))
)
SELECT * FROM a
