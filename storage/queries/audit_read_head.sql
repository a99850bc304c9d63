SELECT seq, encode(hash, 'hex'), encode(mac, 'hex') FROM audit_chain_head
