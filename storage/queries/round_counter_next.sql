INSERT INTO round_counters AS c (round_id, submissions) VALUES ($1, 1)
ON CONFLICT ON CONSTRAINT round_counters_pkey
DO UPDATE SET submissions = c.submissions + 1
RETURNING submissions
