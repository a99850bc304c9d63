-- Removes document $1 (remove_documents), recording why ($2), by whom ($3,
-- with $4 when an officer acted for the group) and when ($5).
SELECT count(*) FROM remove_documents(ARRAY[$1::uuid], $2, $3, $4,
                                      micros_to_ts($5))
