#!/usr/bin/env bash
# Install dependencies, then configure (CMake) and build (Ninja) the project.
# Build dir: ${GRANTS_BUILD_DIR:-<repo>/build}. Extra arguments go to `cmake --build`
# (e.g. `ops/build.sh --target grantsd`).
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${GRANTS_BUILD_DIR:-$ROOT/build}"

bash "$ROOT/ops/install-deps.sh"

if [[ ! -f "$ROOT/CMakeLists.txt" ]]; then
  echo "build: error: $ROOT/CMakeLists.txt not found" >&2
  exit 1
fi

cmake_args=(
  -S "$ROOT" -B "$BUILD" -G Ninja
  -DCMAKE_BUILD_TYPE=RelWithDebInfo
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON
)
if command -v ccache >/dev/null 2>&1; then
  cmake_args+=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache -DCMAKE_C_COMPILER_LAUNCHER=ccache)
fi

# Always (re)configure: it is cheap and picks up CMakeLists changes.
cmake "${cmake_args[@]}"
cmake --build "$BUILD" --parallel "$(nproc)" "$@"
