-- Application $1's words were erased at $2 by the retention sweep.
UPDATE applications SET words_erased_at = micros_to_ts($2) WHERE id = $1::uuid
