#!/usr/bin/env bash
# The installed package: `cmake --install` the build tree into a temporary prefix, then
# configure, build and run tests/package/consumer against it with find_package(standmatch).
#   package_test.sh BUILD_DIR SOURCE_DIR [plain|sanitize]
# (sanitize: the build is instrumented, so the consumer links the sanitizers' runtime.)
set -euo pipefail
build=$1 src=$2 kind=${3:-plain}
flags=()
if [[ "$kind" == sanitize ]]; then
  flags=(-DCMAKE_CXX_FLAGS=-fsanitize=address,undefined -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=address,undefined)
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cmake --install "$build" --prefix "$work/prefix" >/dev/null
test -f "$work/prefix/lib/cmake/standmatch/standmatchConfigVersion.cmake"
test -f "$work/prefix/include/match/schedule/schedule.h"
if [ -e "$work/prefix/include/match/limits.h" ] || [ -e "$work/prefix/include/match/embed_file.h" ]; then
  echo "package_test: internal headers were installed" >&2
  exit 1
fi
cmake -S "$src/tests/package/consumer" -B "$work/consumer" -DCMAKE_PREFIX_PATH="$work/prefix" \
  -DCMAKE_BUILD_TYPE=Release "${flags[@]}" >/dev/null
cmake --build "$work/consumer" >/dev/null
out=$("$work/consumer/consumer" "$src/datasets/villejuif-2025/event.json")
echo "$out"
[[ "$out" =~ ^meetings:\ [1-9][0-9]*$ ]]
# A version the package does not provide is refused.
mkdir -p "$work/v9" && sed 's/standmatch 0.1 REQUIRED/standmatch 9.0 REQUIRED/' "$src/tests/package/consumer/CMakeLists.txt" > "$work/v9/CMakeLists.txt"
cp "$src/tests/package/consumer/consumer.cpp" "$work/v9/"
if cmake -S "$work/v9" -B "$work/v9/build" -DCMAKE_PREFIX_PATH="$work/prefix" >/dev/null 2>&1; then
  echo "package_test: find_package(standmatch 9.0) was accepted" >&2
  exit 1
fi
echo "package_test: consumer built and ran against the installed package"
