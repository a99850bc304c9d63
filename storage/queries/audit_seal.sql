-- Events $1 (ids, in chain order) get the positions after the head at $3,
-- with links $2 (hex); the head moves to the last, with link $4 and MAC $5
-- (hex). Only through audit_seal() (migration 0017): grantsd's role cannot
-- update audit events itself.
SELECT audit_seal($1::bigint[],
                  ARRAY(SELECT decode(link, 'hex')
                        FROM unnest($2::text[]) WITH ORDINALITY AS l (link, i)
                        ORDER BY i),
                  $3::bigint, decode($4, 'hex'), decode($5, 'hex'))
