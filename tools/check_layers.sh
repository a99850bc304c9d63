#!/usr/bin/env bash
# Keeps the floors of the house (docs/layout.md): every include and every link
# points down.
#
#   clients/, tools/  ->  services/  ->  storage/  ->  domain/, common/  ->  proto/
#
# Usage: tools/check_layers.sh [--build DIR]   check includes (and, with a build
#                                              directory, what the clients link)
#        tools/check_layers.sh --graph         print the include edges between
#                                              top-level folders, with counts
# Exits 1 naming every violation; prints "layering: ok" otherwise.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
build=""
graph=0
while (($#)); do
  case "$1" in
    --build) build="$(cd "$2" && pwd)"; shift 2 ;;
    --graph) graph=1; shift ;;
    --root) ROOT="$2"; shift 2 ;;  # another tree (the check's own test)
    *) echo "usage: $0 [--build DIR | --graph]" >&2; exit 2 ;;
  esac
done
cd "$ROOT"

# Which top-level folders each folder's code may include ("proto" stands for
# the generated grants/v1/*.pb.h messages; "grpc" for gRPC stubs and headers).
declare -A allowed=(
  [common]="common proto"
  [domain]="domain common proto"
  [storage]="storage domain common proto"
  [services]="services storage domain common proto grpc"
  [clients]="clients domain common proto grpc"
  [tools]="tools clients services storage domain common proto grpc"
)

# edges: "from to file:line" for every project include, by top-level folder.
edges() {
  local dirs=()
  for d in common domain storage services clients tools tests; do
    [[ -d "$d" ]] && dirs+=("$d")
  done
  ((${#dirs[@]})) || return 0
  grep -r -n -E --include='*.h' --include='*.cc' '^\s*#\s*include\s*[<"]' "${dirs[@]}" |
    awk -F: '{
      file = $1; line = $2; text = substr($0, length(file) + length(line) + 3)
      sub(/^[ \t]*#[ \t]*include[ \t]*[<"]/, "", text); sub(/[>"].*/, "", text)
      split(file, parts, "/"); from = parts[1]
      if (text ~ /^grants\/v1\/.*\.grpc\.pb\.h$/ || text ~ /^grpcpp\// || text ~ /^grpc\//) to = "grpc"
      else if (text ~ /^grants\/v1\//) to = "proto"
      else if (text ~ /^pqxx\//) to = "pqxx"
      else if (text ~ /^(common|domain|storage|services|clients|tools|tests)\//) { split(text, t, "/"); to = t[1] }
      else next
      print from, to, file ":" line
    }'
}

if ((graph)); then
  edges | awk '$1 != $2 { n[$1 " -> " $2]++ } END { for (e in n) print n[e], e }' | sort -k2
  exit 0
fi

violations=()
while read -r from to where; do
  [[ "$from" == tests ]] && continue
  case " ${allowed[$from]} " in
    *" $to "*) ;;
    *)
      if [[ "$to" == pqxx && "$from" == storage ]]; then continue; fi
      if [[ "$to" == pqxx && "$from" == tools ]]; then continue; fi
      violations+=("$where: $from/ includes $to (allowed: ${allowed[$from]})")
      ;;
  esac
done < <(edges)

# What the clients link: never the server pipeline, the areas, storage or
# libpqxx (read from the build's own dependency graph).
if [[ -n "$build" ]]; then
  for target in clients/grantsctl/grantsctl clients/portal/grants-portal; do
    inputs="$(ninja -C "$build" -t query "$target" 2>/dev/null)" || {
      violations+=("$target: not in the build graph of $build")
      continue
    }
    bad="$(grep -E 'libgrants_(pipeline|storage|server|config|audit|funding|programmes|organisations|applications|assessment|awards|payments|monitoring|notifications|sign_in)\.a|pqxx|prometheus' <<<"$inputs" || true)"
    [[ -z "$bad" ]] || violations+=("$target links the server side: $(tr -s ' \n' ' ' <<<"$bad")")
  done
fi

if ((${#violations[@]})); then
  printf 'layering: %s\n' "${violations[@]}" >&2
  echo "layering: ${#violations[@]} violation(s); see docs/layout.md" >&2
  exit 1
fi
echo "layering: ok"
