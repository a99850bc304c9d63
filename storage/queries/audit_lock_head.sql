SELECT seq, encode(hash, 'hex') FROM audit_chain_head FOR UPDATE
