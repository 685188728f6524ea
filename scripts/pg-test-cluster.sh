#!/usr/bin/env bash
# Throw-away PostgreSQL cluster for the store and integration tests.
#
#   scripts/pg-test-cluster.sh start DIR   # prints postgresql://USER:PASS@127.0.0.1:PORT/tandem_test
#   scripts/pg-test-cluster.sh stop DIR
#
# The cluster lives entirely in DIR (data, socket, log) on a free port on 127.0.0.1, so it never
# touches a system cluster that apt may have created. stdout carries only the URL, so that
# `url=$(scripts/pg-test-cluster.sh start DIR)` works; everything else goes to stderr or DIR/log.
# Run as root, the server runs as the `postgres` user (PostgreSQL refuses to run as root).
set -euo pipefail

PGBIN=${PGBIN:-/usr/lib/postgresql/15/bin}
DB_NAME=tandem_test
DB_USER=tandem
MARKER=.tandem-pg-test-cluster

die() {
    echo "pg-test-cluster: $*" >&2
    exit 1
}

usage() {
    echo "usage: $0 start|stop DIR" >&2
    exit 2
}

# Runs a command as the cluster's owner.
as_owner() {
    if [ "$(id -u)" -eq 0 ]; then
        runuser -u postgres -- "$@"
    else
        "$@"
    fi
}

port_in_use() {
    # A successful connect means something listens there.
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null
}

is_running() {
    [ -f "$DIR/data/PG_VERSION" ] && as_owner "$PGBIN/pg_ctl" -D "$DIR/data" status >/dev/null 2>&1
}

psql_admin() {
    as_owner "$PGBIN/psql" -X -q -v ON_ERROR_STOP=1 -h "$DIR" -p "$PORT" -U postgres -d postgres "$@" >&2
}

start() {
    [ -x "$PGBIN/initdb" ] || die "PostgreSQL binaries not found in $PGBIN (apt-get install postgresql)"
    if [ -f "$DIR/$MARKER" ]; then
        if is_running && [ -f "$DIR/url" ]; then
            cat "$DIR/url"
            return
        fi
        # A stopped cluster of ours: it is throw-away, start from scratch.
        rm -rf -- "$DIR"
    elif [ -d "$DIR" ] && [ -n "$(ls -A -- "$DIR")" ]; then
        die "$DIR exists and is not empty (and is not a cluster made by this script)"
    fi

    mkdir -p -- "$DIR"
    touch "$DIR/$MARKER"
    if [ "$(id -u)" -eq 0 ]; then
        id postgres >/dev/null 2>&1 || die "no 'postgres' user to run the server as"
        chown -R postgres:postgres "$DIR"
        runuser -u postgres -- test -w "$DIR" ||
            die "the postgres user cannot write to $DIR (is a parent directory private?)"
    fi
    # The server's unix socket is DIR/.s.PGSQL.PORT and socket paths are limited to 107 bytes.
    [ ${#DIR} -le 90 ] || die "$DIR is too long a path for the server's unix socket"

    local password
    password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    printf '%s\n' "$password" >"$DIR/superuser-password"
    [ "$(id -u)" -ne 0 ] || chown postgres:postgres "$DIR/superuser-password"
    chmod 600 "$DIR/superuser-password"

    as_owner "$PGBIN/initdb" -D "$DIR/data" -U postgres --pwfile="$DIR/superuser-password" \
        --encoding=UTF8 --no-locale --auth-local=trust --auth-host=scram-sha-256 \
        >"$DIR/initdb.log" 2>&1 || {
        cat "$DIR/initdb.log" >&2
        die "initdb failed"
    }
    # Durability is pointless for a throw-away cluster and fsync makes the tests slow.
    cat >>"$DIR/data/postgresql.conf" <<CONF
listen_addresses = '127.0.0.1'
unix_socket_directories = '$DIR'
fsync = off
synchronous_commit = off
full_page_writes = off
CONF

    local attempt started=
    for attempt in $(seq 1 20); do
        PORT=$((20000 + RANDOM % 40000))
        port_in_use "$PORT" && continue
        # Another process may grab the port between the check and the start: retry then.
        if as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -l "$DIR/log" -w -t 60 \
            -o "-p $PORT" start >&2; then
            started=1
            break
        fi
        echo "pg-test-cluster: start on port $PORT failed (attempt $attempt), retrying" >&2
    done
    [ -n "$started" ] || {
        tail -n 20 "$DIR/log" >&2 || true
        die "could not start the server"
    }
    echo "port = $PORT" >>"$DIR/data/postgresql.conf" # so a plain pg_ctl restart keeps it

    local user_password
    user_password=$(od -An -N16 -tx1 /dev/urandom | tr -d ' \n')
    psql_admin -c "CREATE ROLE $DB_USER LOGIN CREATEDB PASSWORD '$user_password'"
    psql_admin -c "CREATE DATABASE $DB_NAME OWNER $DB_USER"

    local url="postgresql://$DB_USER:$user_password@127.0.0.1:$PORT/$DB_NAME"
    printf '%s\n' "$url" >"$DIR/url"
    chmod 600 "$DIR/url"
    echo "$url"
}

stop() {
    [ -d "$DIR" ] || return 0
    [ -f "$DIR/$MARKER" ] || die "$DIR is not a cluster made by this script"
    if is_running; then
        as_owner "$PGBIN/pg_ctl" -D "$DIR/data" -m fast -w stop >&2
    fi
}

[ $# -eq 2 ] || usage
DIR=$(realpath -m -- "$2")
# The server tools run as postgres and complain when they cannot read the working directory.
cd /
case "$1" in
start) start ;;
stop) stop ;;
*) usage ;;
esac
