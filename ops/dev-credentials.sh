#!/usr/bin/env bash
# Create development credentials (CA, server/client TLS certs, JWT signing key pair,
# audit HMAC key, audit checkpoint key pair, the portal's session key) in DIR with the openssl CLI. Idempotent: existing files are kept;
# a certificate is only re-issued if it is missing, no longer matches its key or
# does not verify against the current CA.
# Usage: ops/dev-credentials.sh DIR
set -euo pipefail

if (($# != 1)); then
  echo "usage: $0 DIR" >&2
  exit 2
fi
dir="$1"

if ! command -v openssl >/dev/null 2>&1; then
  echo "dev-credentials: error: openssl not found (run ops/install-deps.sh)" >&2
  exit 1
fi

mkdir -p "$dir"
chmod 700 "$dir"
dir="$(cd "$dir" && pwd)"
umask 077

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT

# quiet CMD...: run CMD, show its output only if it fails.
quiet() {
  if ! "$@" >"$tmp/out" 2>&1; then
    echo "dev-credentials: error: $* failed:" >&2
    cat "$tmp/out" >&2
    return 1
  fi
}

# new_key FILE: EC P-256 private key, PKCS#8 PEM, mode 600.
new_key() {
  [[ -e "$1" ]] && return 0
  quiet openssl genpkey -algorithm EC -pkeyopt ec_paramgen_curve:P-256 -out "$1"
  chmod 600 "$1"
}

# cert_ok NAME: NAME.pem exists, belongs to NAME.key and verifies against ca.pem.
cert_ok() {
  local name="$1"
  [[ -e "$dir/$name.pem" ]] || return 1
  [[ "$(openssl x509 -in "$dir/$name.pem" -noout -pubkey 2>/dev/null)" == \
     "$(openssl pkey -in "$dir/$name.key" -pubout 2>/dev/null)" ]] || return 1
  openssl verify -CAfile "$dir/ca.pem" "$dir/$name.pem" >/dev/null 2>&1
}

# issue NAME CN EXTENSIONS: NAME.pem signed by the CA for NAME.key (825 days).
issue() {
  local name="$1" cn="$2" ext="$3"
  cert_ok "$name" && return 0
  # '/' separates RDNs in -subj, so escape it inside the CN.
  quiet openssl req -new -key "$dir/$name.key" -subj "/CN=${cn//\//\\/}" -out "$tmp/$name.csr"
  printf '%s\n' "$ext" >"$tmp/$name.ext"
  quiet openssl x509 -req -in "$tmp/$name.csr" -CA "$dir/ca.pem" -CAkey "$dir/ca.key" \
    -set_serial "0x$(openssl rand -hex 16)" -days 825 -sha256 \
    -extfile "$tmp/$name.ext" -out "$dir/$name.pem"
  chmod 644 "$dir/$name.pem"
}

# CA (self-signed, 10 years).
new_key "$dir/ca.key"
if [[ ! -e "$dir/ca.pem" ]]; then
  cat >"$tmp/ca.cnf" <<'CNF'
[req]
distinguished_name = dn
x509_extensions = v3_ca
prompt = no
[dn]
CN = grants dev CA
[v3_ca]
basicConstraints = critical, CA:TRUE
keyUsage = critical, keyCertSign, cRLSign
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid:always
CNF
  quiet openssl req -x509 -new -config "$tmp/ca.cnf" -key "$dir/ca.key" -sha256 \
    -days 3650 -set_serial "0x$(openssl rand -hex 16)" -out "$dir/ca.pem"
  chmod 644 "$dir/ca.pem"
fi

# Server certificate for localhost.
new_key "$dir/server.key"
issue server localhost "basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = serverAuth
subjectAltName = DNS:localhost, IP:127.0.0.1
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid"

# Client certificate of the finance machine (CN <role>/<name>).
new_key "$dir/finance.key"
issue finance "finance/ledger-dev" "basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid"

# Client certificate of the grantee portal (CN portal/<name>).
new_key "$dir/portal.key"
issue portal "portal/portal-dev" "basicConstraints = critical, CA:FALSE
keyUsage = critical, digitalSignature
extendedKeyUsage = clientAuth
subjectKeyIdentifier = hash
authorityKeyIdentifier = keyid"

# grantsd's own key for the sessions of grantees signed in by emailed link.
new_key "$dir/session-signing.key"

# JWT signing key pair.
new_key "$dir/jwt-signing.key"
if [[ ! -e "$dir/jwt-signing.pub" ]]; then
  quiet openssl pkey -in "$dir/jwt-signing.key" -pubout -out "$dir/jwt-signing.pub"
  chmod 644 "$dir/jwt-signing.pub"
fi

# Audit chain HMAC key: 32 random bytes as 64 hex characters (plus newline).
if [[ ! -e "$dir/audit.key" ]]; then
  openssl rand -hex 32 >"$dir/audit.key.tmp"
  mv "$dir/audit.key.tmp" "$dir/audit.key"
  chmod 600 "$dir/audit.key"
fi

# The grantee portal's session key (AES-256-GCM): 32 random bytes as 64 hex
# characters. Every portal behind one address reads the same file; to change
# it, put a new line first and drop the old line once its cookies expired.
if [[ ! -e "$dir/portal-session.key" ]]; then
  openssl rand -hex 32 >"$dir/portal-session.key.tmp"
  mv "$dir/portal-session.key.tmp" "$dir/portal-session.key"
  chmod 600 "$dir/portal-session.key"
fi

# Audit checkpoint signing key pair (Ed25519): grantsd signs checkpoints of
# the trail with the private half; the public half, handed to whoever keeps
# the checkpoints, checks them with no secret.
if [[ ! -e "$dir/audit-checkpoint.key" ]]; then
  quiet openssl genpkey -algorithm ed25519 -out "$dir/audit-checkpoint.key.tmp"
  chmod 600 "$dir/audit-checkpoint.key.tmp"
  mv "$dir/audit-checkpoint.key.tmp" "$dir/audit-checkpoint.key"
fi
if [[ ! -e "$dir/audit-checkpoint.pub" ]]; then
  quiet openssl pkey -in "$dir/audit-checkpoint.key" -pubout -out "$dir/audit-checkpoint.pub"
  chmod 644 "$dir/audit-checkpoint.pub"
fi

echo "credentials in $dir"
