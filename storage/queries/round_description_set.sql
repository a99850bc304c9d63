-- A round's description (English), beside the columns round_update.sql sets.
UPDATE rounds SET description = $2 WHERE id = $1::uuid
