-- Links sent in the hour before $2 to the mailbox $1 (an address without a
-- +tag), under any tag. The expression is sign_in::MailboxOf's, indexed by
-- migration 0024.
SELECT count(*) FROM sign_in_links
WHERE regexp_replace(email, '\+[^@]*@', '@') = $1
  AND created_at > micros_to_ts($2) - interval '1 hour'
