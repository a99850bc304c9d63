-- Whether a kept document's bytes are in file $1 (serialised with storing
-- and unlinking that file by an advisory lock on its path).
SELECT EXISTS (SELECT 1 FROM documents WHERE stored_path = $1)
