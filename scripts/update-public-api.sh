#!/usr/bin/env bash
# Records the current public surface of every src/ package (or of the packages named as arguments, e.g.
# src/SemanticCache) in its PublicAPI.Unshipped.txt, so that a change of public API is a deliberate, reviewable diff.
# The RS0016 code fix only appends reliably to an empty file, so the file is rebuilt from scratch each time.
set -euo pipefail
cd "$(dirname "$0")/.."
dirs=("$@")
[ ${#dirs[@]} -gt 0 ] || dirs=(src/*/)
for dir in "${dirs[@]}"; do
  dir="${dir%/}"
  printf '#nullable enable\n' > "$dir/PublicAPI.Unshipped.txt"
  dotnet format analyzers "$dir" --diagnostics RS0016 --severity error >/dev/null
  echo "$dir: $(($(wc -l < "$dir/PublicAPI.Unshipped.txt") - 1)) public symbols"
done
