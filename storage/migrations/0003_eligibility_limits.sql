-- Eligibility limits per organisation: applications per round and grants per
-- round and per programme join applications per programme in rounds.eligibility
-- (absent keys mean no limit, so existing rounds need no rewrite). The
-- converters bound each limit; this is the backstop for any writer: every
-- limit present is a whole number from 0 to 2^31-1.

CREATE FUNCTION eligibility_limit_valid(rules jsonb, key text) RETURNS boolean
  LANGUAGE sql IMMUTABLE STRICT
  RETURN CASE
    WHEN NOT rules ? key THEN true
    WHEN jsonb_typeof(rules -> key) <> 'number' THEN false
    ELSE (rules ->> key)::numeric BETWEEN 0 AND 2147483647
         AND (rules ->> key)::numeric % 1 = 0
  END;

ALTER TABLE rounds
  ADD CONSTRAINT rounds_eligibility_limits_valid CHECK (
    eligibility_limit_valid(eligibility, 'max_applications_per_programme')
    AND eligibility_limit_valid(eligibility, 'max_applications_per_round')
    AND eligibility_limit_valid(eligibility, 'max_grants_per_round')
    AND eligibility_limit_valid(eligibility, 'max_grants_per_programme'));
