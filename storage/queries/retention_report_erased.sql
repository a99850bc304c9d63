-- Report $1's words become $2 (its numbers stay), erased at $3. Runs inside
-- an erasure (migration 0020 lets a report's words change only then).
UPDATE reports SET content = $2::jsonb, words_erased_at = micros_to_ts($3)
WHERE id = $1::uuid
