-- Reads of `what` ($2) of the organisations $1, by $3 ($4) through $5 at $6.
INSERT INTO personal_data_reads (organisation_id, what, reader, reader_role,
                                 method, read_at)
SELECT unnest($1::text[]), $2, $3, $4, $5, micros_to_ts($6)
