-- Up to $2 organisations with no live award and no money owed back, whose
-- last award ended (or whose bank details last changed, if later or if
-- they never had one) before $1, lose their current bank account details;
-- how many. The payees of their payments are payee_accounts' to erase.
WITH due AS (
  SELECT o.id FROM organisations AS o
  WHERE (o.bank_account_name <> '' OR o.bank_sort_code <> ''
         OR o.bank_account_number <> '')
    AND NOT EXISTS (SELECT 1 FROM awards AS a
                    WHERE a.organisation_id = o.id
                      AND a.state IN ('offered', 'accepted', 'active'))
    AND NOT EXISTS (SELECT 1 FROM recoveries AS r
                    JOIN awards AS a ON a.id = r.award_id
                    WHERE a.organisation_id = o.id AND r.state = 'raised')
    AND NOT EXISTS (SELECT 1 FROM bank_detail_changes AS c
                    WHERE c.organisation_id = o.id
                      AND coalesce(c.confirmed_at, c.proposed_at) >= micros_to_ts($1))
    AND NOT EXISTS (SELECT 1 FROM awards AS a
                    WHERE a.organisation_id = o.id
                      AND a.updated_at >= micros_to_ts($1))
    AND o.created_at < micros_to_ts($1)
  ORDER BY o.id LIMIT $2
  FOR UPDATE OF o SKIP LOCKED),
done AS (
  UPDATE organisations AS o
  SET bank_account_name = '', bank_sort_code = '', bank_account_number = ''
  FROM due WHERE o.id = due.id
  RETURNING 1)
SELECT count(*) FROM done
