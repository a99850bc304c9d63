-- Delivery through an SMTP relay can fail for a while (relay down) or for
-- good (the relay rejects the recipient). A passing failure waits before
-- the next attempt, longer each time; a rejected message is not tried
-- again and stays visible with its error for an officer to act on.
ALTER TABLE notifications
  ADD COLUMN next_attempt_at timestamptz,
  ADD COLUMN rejected_at     timestamptz,
  ADD CONSTRAINT notifications_sent_or_rejected
    CHECK (sent_at IS NULL OR rejected_at IS NULL);

DROP INDEX notifications_unsent_idx;
CREATE INDEX notifications_unsent_idx ON notifications (created_at, id)
  WHERE sent_at IS NULL AND rejected_at IS NULL;
