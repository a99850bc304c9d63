UPDATE audit_chain_head SET seq = $1, hash = decode($2, 'hex')
