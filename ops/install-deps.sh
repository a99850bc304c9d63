#!/usr/bin/env bash
# Install the Debian 12 packages needed to build, test and run the project.
# Fast path: if every package is already installed, do nothing (no apt-get update).
set -euo pipefail

packages=(
  build-essential cmake ninja-build ccache pkg-config git ca-certificates openssl tzdata
  libgrpc++-dev protobuf-compiler-grpc libprotobuf-dev protobuf-compiler grpc-proto
  libpqxx-dev libssl-dev libgtest-dev libgmock-dev libcli11-dev libspdlog-dev libfmt-dev
  nlohmann-json3-dev prometheus-cpp-dev libjwt-dev libabsl-dev libjemalloc-dev libexpat1-dev libcurl4-openssl-dev
  postgresql-15 postgresql-common postgresql-client-15 procps pgbackrest
  haproxy patroni etcd-server curl systemd
  python3 python3-grpcio python3-grpc-tools python3-jsonschema
  libcpp-httplib-dev libkainjow-mustache-dev chromium
  libmagic-dev clamav-daemon iso-codes
)
# The portal's browser test (tests/portal) runs on node and npm. Debian's
# `nodejs npm` only where neither is installed yet: a NodeSource nodejs
# bundles its own npm and conflicts with Debian's npm package.
if ! command -v node >/dev/null 2>&1 || ! command -v npm >/dev/null 2>&1; then
  packages+=(nodejs npm)
fi

# One dpkg-query call for all packages; unknown packages are simply not listed.
declare -A installed=()
while read -r pkg status; do
  [[ "$status" == "install ok installed" ]] && installed["$pkg"]=1
done < <(dpkg-query -W -f='${Package} ${Status}\n' "${packages[@]}" 2>/dev/null || true)

missing=()
for pkg in "${packages[@]}"; do
  [[ -n "${installed[$pkg]:-}" ]] || missing+=("$pkg")
done

if ((${#missing[@]} == 0)); then
  exit 0
fi

echo "install-deps: installing missing packages: ${missing[*]}"

sudo=()
if ((EUID != 0)); then
  if command -v sudo >/dev/null 2>&1; then
    sudo=(sudo)
  else
    echo "install-deps: error: must run as root (or have sudo) to install: ${missing[*]}" >&2
    exit 1
  fi
fi

"${sudo[@]}" apt-get update
"${sudo[@]}" env DEBIAN_FRONTEND=noninteractive \
  apt-get install -y --no-install-recommends "${missing[@]}"
echo "install-deps: done"
