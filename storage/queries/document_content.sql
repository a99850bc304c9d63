-- Up to $3 bytes of document $1 from offset $2 (0-based) when kept in the
-- database, else its stored path; and its whole bytes when $4 (for the
-- checksum).
SELECT CASE WHEN $4 THEN content ELSE substring(content FROM $2 + 1 FOR $3) END,
       stored_path
FROM documents WHERE id = $1
