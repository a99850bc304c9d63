-- Marks this transaction as an erasure (migration 0020's triggers let the
-- words of history records change inside one).
SELECT set_config('grants.erasure', 'on', true)
