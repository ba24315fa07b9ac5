#!/usr/bin/env bash
# The README's test command. On a fresh Debian machine it installs what is missing, builds everything, runs every
# test project and ends with exactly one summary line: "N passed, N failed, N skipped" (summed over all projects).
# Exits non-zero when anything failed or did not build.
set -uo pipefail

root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
results="$(mktemp -d "${TMPDIR:-/tmp}/semanticcache-tests.XXXXXX")"
chmod 755 "$results" # the PostgreSQL cluster below runs as the postgres user and lives inside it
export DOTNET_CLI_TELEMETRY_OPTOUT=1 DOTNET_NOLOGO=1

log() { printf '[test.sh] %s\n' "$*" >&2; }

if ! command -v dotnet >/dev/null 2>&1; then
  log "the .NET SDK (dotnet) is required and was not found on PATH"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

# Backends the tests run against for real. Each setup script prints the exports the tests read.
postgres_started=0
# A cluster of this run's own, so that two runs on one machine never stop each other's server.
export SEMANTICCACHE_POSTGRES_STATE_DIR="${SEMANTICCACHE_POSTGRES_STATE_DIR:-$results/postgres}"
if [ -z "${SEMANTICCACHE_TEST_POSTGRES:-}" ] && [ -x scripts/postgres.sh ]; then
  log "starting a throwaway PostgreSQL + pgvector server (scripts/postgres.sh)"
  if conn="$(scripts/postgres.sh start)"; then
    export SEMANTICCACHE_TEST_POSTGRES="$conn"
    postgres_started=1
  else
    log "scripts/postgres.sh failed; PostgreSQL tests will report it"
  fi
fi
cleanup() {
  if [ "$postgres_started" = 1 ]; then scripts/postgres.sh stop >/dev/null 2>&1 || true; fi
}
trap cleanup EXIT

passed=0 failed=0 skipped=0 status=0

log "building"
if ! dotnet build SemanticCache.sln -c Release -warnaserror -nologo -v q >"$results/build.log" 2>&1; then
  grep -E "error|Error" "$results/build.log" | sort -u | head -50 >&2
  log "build failed"
  echo "0 passed, 1 failed, 0 skipped"
  exit 1
fi

for project in tests/*/*.Tests.csproj; do
  name="$(basename "$project" .csproj)"
  log "running $name"
  dotnet test "$project" -c Release --no-build --nologo \
    --logger "trx;LogFileName=$name.trx" --logger "console;verbosity=normal" \
    --results-directory "$results/$name" >"$results/$name.log" 2>&1
  code=$?
  trx="$results/$name/$name.trx"
  p=0 f=0 s=0
  if [ -f "$trx" ]; then
    outcomes="$(grep -o '<UnitTestResult [^>]*' "$trx" | grep -o 'outcome="[A-Za-z]*"' || true)"
    p=$(grep -c 'outcome="Passed"' <<<"$outcomes" || true)
    f=$(grep -c 'outcome="Failed"' <<<"$outcomes" || true)
    s=$(grep -c 'outcome="NotExecuted"' <<<"$outcomes" || true)
  fi
  if [ "$code" -ne 0 ] && [ "$f" -eq 0 ]; then
    f=1 # the run failed without a failing test (crash, no results): count it, never hide it
  fi
  if [ "$f" -ne 0 ]; then
    status=1
    # The console logger leaves the assertion messages out; the TRX file has them.
    if [ -f "$trx" ]; then
      awk '/<UnitTestResult / && /outcome="Failed"/ { match($0, /testName="[^"]*"/); print "  FAILED " substr($0, RSTART + 10, RLENGTH - 11); want = 1 }
           want && /<Message>/ { inside = 1 }
           inside { line = $0; last = line ~ /<\/Message>/; gsub(/<\/?Message>/, "", line); print "    " line; if (last) { inside = 0; want = 0 } }' "$trx" | head -100 >&2
    fi
    grep -E -A8 "^\s+Failed [A-Za-z_]" "$results/$name.log" | grep -E "Failed|^\s+at " | head -60 >&2
  fi
  log "$name: $p passed, $f failed, $s skipped"
  passed=$((passed + p)) failed=$((failed + f)) skipped=$((skipped + s))
done

log "test logs: $results"
echo "$passed passed, $failed failed, $skipped skipped"
exit $status
