-- Records one attempt at $3 (the server's clock): $2 is 'delivered',
-- 'retry' (after the n-th attempt the next waits 2^n minutes, at most 6
-- hours) or 'rejected' (not tried again); $4 is the error, '' when
-- delivered. A delivered sign-in link is removed from the message: the
-- code must live only in the grantee's mailbox.
UPDATE notifications
SET sent_at = CASE WHEN $2 = 'delivered' THEN micros_to_ts($3) END,
    rejected_at = CASE WHEN $2 = 'rejected' THEN micros_to_ts($3) END,
    next_attempt_at = CASE WHEN $2 = 'retry' THEN micros_to_ts($3)
      + least(interval '6 hours', interval '1 minute' * power(2, attempts + 1)) END,
    attempts = attempts + 1,
    last_error = $4,
    params = CASE WHEN $2 <> 'retry' AND kind = 'sign_in_link'
                  THEN params - 'link' ELSE params END
WHERE id = $1
