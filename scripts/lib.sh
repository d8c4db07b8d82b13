# Shared by scripts/test and scripts/demo: system packages and a throwaway PostgreSQL.
# Source it; it defines functions only.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)

# Installs the Debian packages the build and the database need, and any named, when missing.
ensure_packages() {
    local wanted=(pkg-config libpq-dev libcmark-gfm-dev libcmark-gfm-extensions-dev libpcre2-dev postgresql python3-html5lib "$@")
    local missing=()
    for package in "${wanted[@]}"; do
        dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed" || missing+=("$package")
    done
    [ ${#missing[@]} -eq 0 ] && return 0
    echo "Installing ${missing[*]} ..." >&2
    local sudo=""
    [ "$(id -u)" -ne 0 ] && sudo="sudo"
    $sudo apt-get update -qq
    DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq "${missing[@]}" >/dev/null
}

# The directory of initdb and pg_ctl for the newest installed server.
pg_bin_dir() {
    local dir
    dir=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1)
    [ -n "$dir" ] || { echo "No PostgreSQL server found under /usr/lib/postgresql" >&2; return 1; }
    echo "$dir"
}

# Runs a command as the database owner: user postgres when we are root (initdb refuses root).
as_db_owner() {
    if [ "$(id -u)" -eq 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi
}

# A free TCP port on 127.0.0.1, from 54320 upwards.
free_port() {
    local port
    for port in $(seq 54320 54420); do
        (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return 0; }
    done
    echo "No free port between 54320 and 54420" >&2
    return 1
}

# Starts a throwaway server in a temporary folder; sets PG_PORT, PG_DIR and PG_ADMIN_URL.
# It is stopped and removed on exit, also on failure or interruption.
start_postgres() {
    local bin
    bin=$(pg_bin_dir)
    PG_DIR=$(mktemp -d /tmp/sentinel-report-pg.XXXXXX)
    chmod 755 "$PG_DIR"
    mkdir -p "$PG_DIR/data" "$PG_DIR/socket"
    [ "$(id -u)" -eq 0 ] && chown -R postgres:postgres "$PG_DIR"
    PG_PORT=$(free_port)
    trap stop_postgres EXIT
    trap 'exit 130' INT TERM
    as_db_owner "$bin/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >"$PG_DIR/initdb.log" 2>&1 \
        || { cat "$PG_DIR/initdb.log" >&2; return 1; }
    as_db_owner "$bin/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/server.log" -w -t 60 start \
        -o "-c listen_addresses=127.0.0.1 -p $PG_PORT -k $PG_DIR/socket -c fsync=off -c max_connections=200" >/dev/null \
        || { cat "$PG_DIR/server.log" >&2; return 1; }
    PG_ADMIN_URL="postgresql://postgres@127.0.0.1:$PG_PORT/postgres"
    echo "PostgreSQL started on 127.0.0.1:$PG_PORT (data in $PG_DIR)" >&2
}

stop_postgres() {
    [ -n "${PG_DIR:-}" ] || return 0
    local bin
    bin=$(pg_bin_dir) && as_db_owner "$bin/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null 2>&1 || true
    rm -rf "$PG_DIR"
    PG_DIR=""
}

# Creates database $1 with Sentinel's schema (migrations 0001 then 0002).
create_sentinel_database() {
    psql "$PG_ADMIN_URL" -q -v ON_ERROR_STOP=1 -c "create database \"$1\"" >/dev/null
    local url="postgresql://postgres@127.0.0.1:$PG_PORT/$1"
    for migration in "$ROOT"/db/migrations/*.sql; do
        psql "$url" -q -v ON_ERROR_STOP=1 -f "$migration" >/dev/null
    done
}
