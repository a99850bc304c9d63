-- The kinds of document application $1 has.
SELECT DISTINCT kind FROM documents WHERE application_id = $1 ORDER BY kind
