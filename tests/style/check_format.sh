#!/usr/bin/env bash
# The C++ sources follow .clang-format: clang-format --dry-run --Werror over every tracked
# .h and .cpp file. Without clang-format the test is skipped (77), except in CI, where a
# missing tool fails it.
#   bash check_format.sh SOURCE_DIR
set -euo pipefail
cd "$1"
if ! command -v clang-format >/dev/null; then
  echo "check_format: clang-format is not installed (apt-get install clang-format)" >&2
  [[ -n "${CI:-}" ]] && exit 1
  exit 77
fi
files=()
while IFS= read -r f; do files+=("$f"); done < <(git ls-files '*.h' '*.cpp')
[[ ${#files[@]} -gt 100 ]] || { echo "check_format: only ${#files[@]} C++ files found in $1" >&2; exit 1; }
if ! clang-format --dry-run --Werror "${files[@]}" 2>"${TMPDIR:-/tmp}/check_format.$$"; then
  grep -m 20 'warning:' "${TMPDIR:-/tmp}/check_format.$$" >&2 || true
  rm -f "${TMPDIR:-/tmp}/check_format.$$"
  echo "check_format: run clang-format -i on the files above" >&2
  exit 1
fi
rm -f "${TMPDIR:-/tmp}/check_format.$$"
echo "check_format: ${#files[@]} files follow .clang-format"
