#!/usr/bin/env bash
# Makes a PostgreSQL server with pgvector (>= 0.8.0) available on this machine and prints its connection string.
#
#   scripts/postgres.sh start          install what is missing, start (or reuse) a throwaway cluster, print its
#                                      Npgsql connection string on stdout (the only thing ever printed on stdout)
#   scripts/postgres.sh stop [--keep]  stop the cluster and delete it; with --keep, stop it but keep its data and
#                                      port so that a later `start` brings the same server back
#   scripts/postgres.sh status         print the connection string and exit 0 when the cluster runs; exit 3 when not
#   scripts/postgres.sh env            print the cluster's state as shell assignments (data dir, port, bin dir, ...)
#   scripts/postgres.sh install        only install PostgreSQL and pgvector
#
# Environment:
#   SEMANTICCACHE_TEST_POSTGRES        when set, `start` prints it and does nothing else (use an existing server)
#   SEMANTICCACHE_POSTGRES_STATE_DIR   where the cluster lives (default /tmp/semanticcache-postgres); several
#                                      independent clusters can run side by side with different state dirs
#   SEMANTICCACHE_POSTGRES_NO_INSTALL  when 1, fail instead of installing anything (used by tests)
#
# Installation (root only): PostgreSQL from apt when no server is installed; pgvector from apt when the packaged
# postgresql-<ver>-pgvector is 0.8.0 or later, else built with PGXS from Debian's own pgvector source package of
# the trixie suite, fetched through a temporary deb-src list (mirror read from this machine's apt sources) and a
# private apt state under /tmp, so the machine's apt configuration is never changed.
#
# The cluster is for tests and local development only: it listens on 127.0.0.1 only, on a free port, with a
# generated password (scram-sha-256), and runs with fsync off. When run as root, the server runs as `postgres`.
set -euo pipefail

readonly min_pgvector="0.8.0"
readonly source_suite="trixie"
state_dir="${SEMANTICCACHE_POSTGRES_STATE_DIR:-/tmp/semanticcache-postgres}"
state_dir="${state_dir%/}"
data_dir="$state_dir/data"
env_file="$state_dir/env"
log_file="$state_dir/server.log"

# Everything goes to stderr; only the connection string is written to the saved stdout (fd 3).
exec 3>&1 1>&2
log() { printf '[postgres.sh] %s\n' "$*" >&2; }
die() { log "error: $*"; exit 1; }

is_root() { [ "$(id -u)" = 0 ]; }

# Runs a command as the server's owner: `postgres` when we are root, else the current user.
as_owner() {
  if is_root; then runuser -u postgres -- "$@"; else "$@"; fi
}

# The newest PostgreSQL major version whose server binary is installed, or nothing.
installed_pg_version() {
  local dir best=""
  for dir in /usr/lib/postgresql/*/bin/postgres; do
    [ -x "$dir" ] || continue
    dir="${dir#/usr/lib/postgresql/}"
    dir="${dir%%/*}"
    if [ -z "$best" ] || [ "$dir" -gt "$best" ]; then best="$dir"; fi
  done
  printf '%s' "$best"
}

# The pgvector version installed for a PostgreSQL major version (default_version of vector.control), or nothing.
installed_pgvector_version() {
  local control="/usr/share/postgresql/$1/extension/vector.control"
  [ -f "$control" ] || return 0
  sed -n "s/^default_version *= *'\([^']*\)'.*/\1/p" "$control"
}

version_at_least() { dpkg --compare-versions "$1" ge "$2"; }

apt_updated=0
apt_update_once() {
  if [ "$apt_updated" = 0 ]; then
    log "apt-get update"
    apt-get update -qq >&2
    apt_updated=1
  fi
}

# Installs Debian packages without starting services (postinst scripts of server packages would otherwise start
# a default cluster listening on port 5432).
apt_install() {
  apt_update_once
  log "apt-get install $*"
  local guard=""
  if [ ! -e /usr/sbin/policy-rc.d ]; then
    guard=/usr/sbin/policy-rc.d
    printf '#!/bin/sh\nexit 101\n' >"$guard"
    chmod 755 "$guard"
  fi
  local code=0
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2 || code=$?
  if [ -n "$guard" ]; then rm -f "$guard"; fi
  return "$code"
}

# Prints the URI of the machine's Debian mirror: the first URIs/deb line whose suite is a plain release suite
# (not -security), from deb822 .sources files or the classic sources.list.
debian_mirror_uri() {
  local file uri
  for file in /etc/apt/sources.list.d/*.sources; do
    [ -f "$file" ] || continue
    uri="$(awk '
      BEGIN { RS = ""; FS = "\n" }
      {
        uris = ""; suites = ""; enabled = 1
        for (i = 1; i <= NF; i++) {
          if ($i ~ /^URIs:/) { uris = $i; sub(/^URIs:[ \t]*/, "", uris) }
          if ($i ~ /^Suites:/) { suites = $i; sub(/^Suites:[ \t]*/, "", suites) }
          if ($i ~ /^Enabled:[ \t]*no/) { enabled = 0 }
        }
        if (enabled && uris != "" && suites !~ /security/ && suites ~ /[a-z]/) { split(uris, u, /[ \t]+/); print u[1]; exit }
      }' "$file")"
    if [ -n "$uri" ]; then printf '%s' "$uri"; return 0; fi
  done
  for file in /etc/apt/sources.list /etc/apt/sources.list.d/*.list; do
    [ -f "$file" ] || continue
    uri="$(awk '$1 == "deb" && $0 !~ /security/ {
        for (i = 2; i <= NF; i++) if ($i !~ /^\[/ && $i !~ /\]$/ && $i ~ /:\/\//) { print $i; exit }
      }' "$file" | head -n 1)"
    if [ -n "$uri" ]; then printf '%s' "$uri"; return 0; fi
  done
  return 1
}

# Builds pgvector from Debian's source package of $source_suite with PGXS and installs it for PostgreSQL $1.
build_pgvector_from_source() {
  local ver="$1" mirror work
  mirror="$(debian_mirror_uri)" || die "cannot find a Debian mirror in /etc/apt/sources.list{,.d} to fetch the pgvector source from"
  local packages=(make gcc dpkg-dev "postgresql-server-dev-$ver")
  local missing=() pkg
  for pkg in "${packages[@]}"; do
    dpkg-query -W -f='${Status}' "$pkg" 2>/dev/null | grep -q 'ok installed' || missing+=("$pkg")
  done
  if [ ${#missing[@]} -gt 0 ]; then apt_install "${missing[@]}"; fi

  work="$(mktemp -d "${TMPDIR:-/tmp}/semanticcache-pgvector-build.XXXXXX")"
  local code=0
  build_in "$work" "$mirror" "$ver" || code=$?
  rm -rf "$work"
  [ "$code" = 0 ] || die "building pgvector failed"
}

# Runs in an `||` context, where `set -e` does not apply: every step checks itself.
build_in() {
  local work="$1" mirror="$2" ver="$3" src
  mkdir -p "$work/lists/partial" "$work/cache/archives/partial" "$work/src" || return 1
  printf 'deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg] %s %s main\n' "$mirror" "$source_suite" >"$work/sources.list" || return 1
  local apt_opts=(-o "Dir::Etc::SourceList=$work/sources.list" -o Dir::Etc::SourceParts=/dev/null
    -o "Dir::State::Lists=$work/lists" -o "Dir::Cache=$work/cache" -o APT::Sandbox::User=root -qq)
  log "fetching the pgvector source package from the $source_suite suite"
  apt-get "${apt_opts[@]}" update >&2 || return 1
  (cd "$work/src" && apt-get "${apt_opts[@]}" source pgvector >&2) || return 1
  src="$(find "$work/src" -mindepth 1 -maxdepth 1 -type d -name 'pgvector-*' | head -n 1)"
  [ -n "$src" ] || { log "apt-get source pgvector produced no source tree"; return 1; }
  log "building $(basename "$src") for PostgreSQL $ver (PGXS)"
  # OPTFLAGS="" keeps the build portable (no -march=native), as Debian's own package does.
  make -C "$src" -s -j"$(nproc)" OPTFLAGS="" PG_CONFIG="/usr/lib/postgresql/$ver/bin/pg_config" >&2 || return 1
  make -C "$src" -s install OPTFLAGS="" PG_CONFIG="/usr/lib/postgresql/$ver/bin/pg_config" >&2 || return 1
}

# Makes sure a PostgreSQL server and pgvector >= $min_pgvector are installed; prints the major version.
ensure_installed() {
  local ver vec
  ver="$(installed_pg_version)"
  if [ -n "$ver" ]; then
    vec="$(installed_pgvector_version "$ver")"
    if [ -n "$vec" ] && version_at_least "$vec" "$min_pgvector"; then
      printf '%s' "$ver"
      return 0
    fi
  fi
  [ "${SEMANTICCACHE_POSTGRES_NO_INSTALL:-0}" != 1 ] || die "PostgreSQL with pgvector >= $min_pgvector is not installed (and SEMANTICCACHE_POSTGRES_NO_INSTALL=1 forbids installing it)"
  is_root || die "PostgreSQL with pgvector >= $min_pgvector is not installed and installing it needs root (run this script as root once, or set SEMANTICCACHE_TEST_POSTGRES)"
  command -v apt-get >/dev/null || die "apt-get not found: this script installs PostgreSQL on Debian only (or set SEMANTICCACHE_TEST_POSTGRES)"

  if [ -z "$ver" ]; then
    apt_install postgresql
    ver="$(installed_pg_version)"
    [ -n "$ver" ] || die "apt-get install postgresql installed no server"
  fi

  vec="$(installed_pgvector_version "$ver")"
  if [ -z "$vec" ] || ! version_at_least "$vec" "$min_pgvector"; then
    apt_update_once
    local candidate
    candidate="$(apt-cache policy "postgresql-$ver-pgvector" 2>/dev/null | sed -n 's/^ *Candidate: *//p')"
    if [ -n "$candidate" ] && [ "$candidate" != "(none)" ] && version_at_least "$candidate" "$min_pgvector"; then
      apt_install "postgresql-$ver-pgvector"
    else
      log "apt has no postgresql-$ver-pgvector >= $min_pgvector (candidate: ${candidate:-none}); building it from source"
      build_pgvector_from_source "$ver"
    fi
    vec="$(installed_pgvector_version "$ver")"
    [ -n "$vec" ] && version_at_least "$vec" "$min_pgvector" || die "pgvector >= $min_pgvector is still not installed for PostgreSQL $ver"
    log "pgvector $vec installed for PostgreSQL $ver"
  fi
  printf '%s' "$ver"
}

port_in_use() { (exec 9<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

pick_free_port() {
  local port tries=0
  while [ "$tries" -lt 50 ]; do
    port=$((20000 + RANDOM % 30000))
    if ! port_in_use "$port"; then printf '%s' "$port"; return 0; fi
    tries=$((tries + 1))
  done
  die "no free port found on 127.0.0.1"
}

write_state() {
  local tmp="$env_file.tmp"
  {
    printf 'PG_VERSION=%q\n' "$PG_VERSION"
    printf 'PG_BIN=%q\n' "$PG_BIN"
    printf 'PGDATA=%q\n' "$data_dir"
    printf 'PGHOST=%q\n' "127.0.0.1"
    printf 'PGPORT=%q\n' "$PGPORT"
    printf 'PGUSER=%q\n' "postgres"
    printf 'PGPASSWORD=%q\n' "$PGPASSWORD"
    printf 'PG_LOG=%q\n' "$log_file"
    printf 'SEMANTICCACHE_TEST_POSTGRES=%q\n' "$(connection_string)"
  } >"$tmp"
  chmod 600 "$tmp"
  mv "$tmp" "$env_file"
}

connection_string() {
  printf 'Host=127.0.0.1;Port=%s;Username=postgres;Password=%s;Database=postgres' "$PGPORT" "$PGPASSWORD"
}

server_running() { [ -d "$data_dir" ] && as_owner "$PG_BIN/pg_ctl" -D "$data_dir" status >/dev/null 2>&1; }

init_cluster() {
  log "creating a throwaway cluster in $data_dir"
  rm -rf "$data_dir"
  mkdir -p "$state_dir"
  chmod 755 "$state_dir"
  if is_root; then chown postgres:postgres "$state_dir"; fi
  PGPASSWORD="$(tr -dc 'A-Za-z0-9' </dev/urandom | head -c 24 || true)"
  local pwfile="$state_dir/.pwfile"
  (umask 077 && printf '%s\n' "$PGPASSWORD" >"$pwfile")
  if is_root; then chown postgres:postgres "$pwfile"; fi
  as_owner "$PG_BIN/initdb" -D "$data_dir" -U postgres --pwfile="$pwfile" -E UTF8 --no-locale \
    --auth-local=trust --auth-host=scram-sha-256 --no-sync >&2 || { rm -f "$pwfile"; die "initdb failed"; }
  rm -f "$pwfile"
  as_owner sh -c "cat >>'$data_dir/postgresql.conf'" <<EOF

# SemanticCache throwaway test cluster (scripts/postgres.sh): loopback only, durability traded for speed.
listen_addresses = '127.0.0.1'
unix_socket_directories = '$state_dir'
fsync = off
synchronous_commit = off
full_page_writes = off
maintenance_work_mem = '256MB'
max_connections = 200
EOF
  PGPORT=""
}

start_server() {
  local attempt=0
  while :; do
    if [ -z "${PGPORT:-}" ] || port_in_use "$PGPORT"; then PGPORT="$(pick_free_port)"; fi
    write_state
    # The server must not inherit our stdout (fd 3: a caller reading it would wait forever) or the lock (fd 8).
    if as_owner "$PG_BIN/pg_ctl" -D "$data_dir" -l "$log_file" -w -t 60 -o "-p $PGPORT" start >&2 3>&- 8>&-; then
      return 0
    fi
    attempt=$((attempt + 1))
    # Another process may have taken the port between the check and the bind: try another one.
    if [ "$attempt" -ge 3 ] || ! grep -q 'could not bind\|Address already in use' "$log_file" 2>/dev/null; then
      tail -n 20 "$log_file" >&2 2>/dev/null || true
      die "the server did not start (log: $log_file)"
    fi
    PGPORT=""
  done
}

load_state() {
  PG_VERSION="" PG_BIN="" PGPORT="" PGPASSWORD=""
  if [ -f "$env_file" ]; then
    # shellcheck disable=SC1090 # written by write_state
    . "$env_file"
  fi
}

cmd_start() {
  if [ -n "${SEMANTICCACHE_TEST_POSTGRES:-}" ]; then
    log "using the server in SEMANTICCACHE_TEST_POSTGRES"
    printf '%s\n' "$SEMANTICCACHE_TEST_POSTGRES" >&3
    return 0
  fi
  local ver
  ver="$(ensure_installed)"
  mkdir -p "$(dirname "$state_dir")"
  exec 8>"$state_dir.lock"
  flock -w 120 8 || die "timed out waiting for another postgres.sh on $state_dir"
  load_state
  if [ "${PG_VERSION:-}" != "$ver" ] || [ -z "${PGPASSWORD:-}" ] || [ ! -f "$data_dir/PG_VERSION" ]; then
    PG_VERSION="$ver"
    PG_BIN="/usr/lib/postgresql/$ver/bin"
    if server_running; then as_owner "$PG_BIN/pg_ctl" -D "$data_dir" -m immediate -w stop >&2 || true; fi
    init_cluster
  fi
  if server_running; then
    log "already running on 127.0.0.1:$PGPORT ($data_dir)"
  else
    start_server
    log "PostgreSQL $PG_VERSION with pgvector $(installed_pgvector_version "$PG_VERSION") running on 127.0.0.1:$PGPORT ($data_dir)"
  fi
  connection_string >&3
  printf '\n' >&3
}

cmd_stop() {
  local keep=0
  if [ "${1:-}" = "--keep" ]; then keep=1; fi
  [ -d "$state_dir" ] || { log "nothing to stop in $state_dir"; return 0; }
  exec 8>"$state_dir.lock"
  flock -w 120 8 || die "timed out waiting for another postgres.sh on $state_dir"
  load_state
  if [ -n "${PG_BIN:-}" ] && server_running; then
    as_owner "$PG_BIN/pg_ctl" -D "$data_dir" -m fast -w -t 60 stop >&2
  fi
  if [ "$keep" = 1 ]; then
    log "stopped; data kept in $data_dir (start brings it back)"
  else
    rm -rf "$state_dir"
    rm -f "$state_dir.lock"
    log "stopped and removed $state_dir"
  fi
}

cmd_status() {
  load_state
  if [ -n "${PG_BIN:-}" ] && server_running; then
    connection_string >&3
    printf '\n' >&3
    return 0
  fi
  log "not running ($state_dir)"
  return 3
}

cmd_env() {
  [ -f "$env_file" ] || die "no cluster in $state_dir (run: $0 start)"
  cat "$env_file" >&3
}

case "${1:-}" in
  start) cmd_start ;;
  stop) shift; cmd_stop "$@" ;;
  status) cmd_status ;;
  env) cmd_env ;;
  install) ensure_installed >/dev/null ;;
  *)
    printf 'usage: %s start | stop [--keep] | status | env | install\n' "$0" >&2
    exit 2
    ;;
esac
