-- Whether organisation $1 exists (a row) and when it was erased (NULL: not).
SELECT ts_to_micros(erased_at) FROM organisations WHERE id = $1 FOR UPDATE
