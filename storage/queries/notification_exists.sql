-- Whether a message with dedupe key $1 was queued (the day's digest, before
-- it is worked out again).
SELECT 1 FROM notifications WHERE dedupe_key = $1
