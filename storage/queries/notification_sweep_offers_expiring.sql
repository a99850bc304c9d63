-- Offers not yet answered that expire within 3 days of $1 (the server's
-- clock): one "offer_expiring" message each, in the organisation's
-- correspondence language. The dedupe key makes it once per offer however
-- often, and in however many grantsd at once, the sweep runs.
INSERT INTO notifications (dedupe_key, kind, organisation_id, recipient, language, params,
                           created_at)
SELECT 'offer_expiring:' || a.id, 'offer_expiring', o.id,
       coalesce(o.contacts -> 0 ->> 'email', ''), o.correspondence_language,
       jsonb_build_object('award_id', a.id, 'reference', coalesce(p.reference, ''),
                          'answer_by', to_char(a.expires_at AT TIME ZONE 'Europe/London',
                                               'YYYY-MM-DD HH24:MI')),
       micros_to_ts($1)
FROM awards AS a
JOIN organisations AS o ON o.id = a.organisation_id
JOIN applications AS p ON p.id = a.application_id
WHERE a.state = 'offered'
  AND a.expires_at > micros_to_ts($1)
  AND a.expires_at <= micros_to_ts($1) + interval '3 days'
ORDER BY a.expires_at, a.id
ON CONFLICT ON CONSTRAINT notifications_dedupe_unique DO NOTHING
RETURNING id
