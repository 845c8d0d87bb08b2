#!/usr/bin/env bash
# Start a throw-away PostgreSQL server on loopback for the test suite and print its URL.
# Installs Debian's postgresql package when it is missing. Usage: eval "$(.ci/postgres.sh)"
set -euo pipefail
PORT="${REPAT_PG_PORT:-54329}"
DATA="${REPAT_PG_DATA:-/tmp/repat-pg-$PORT}"

find_bin() {
  ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -1
}
BIN="$(find_bin || true)"
if [ -z "$BIN" ] || [ ! -x "$BIN/initdb" ]; then
  echo "installing postgresql from Debian's packages" >&2
  if [ "$(id -u)" = 0 ]; then SUDO=""; else SUDO="sudo"; fi
  $SUDO apt-get update -qq >&2
  DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq postgresql >&2
  BIN="$(find_bin)"
fi

# The server refuses to run as root: run it as the postgres user when we are root.
if [ "$(id -u)" = 0 ]; then
  RUN=(runuser -u postgres --)
else
  RUN=()
fi

if "${RUN[@]}" "$BIN/pg_ctl" -D "$DATA" status >/dev/null 2>&1; then
  :
else
  rm -rf "$DATA"
  mkdir -p "$DATA"
  [ "$(id -u)" = 0 ] && chown postgres: "$DATA"
  "${RUN[@]}" "$BIN/initdb" -D "$DATA" -U postgres -A trust -E UTF8 --locale=C.UTF-8 >/dev/null
  "${RUN[@]}" "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w \
    -o "-c listen_addresses=127.0.0.1 -p $PORT -k /tmp -c fsync=off -c max_connections=200" start >&2
fi
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qtAc "DROP DATABASE IF EXISTS repat_test" >&2
"$BIN/psql" -h 127.0.0.1 -p "$PORT" -U postgres -qtAc "CREATE DATABASE repat_test" >&2
echo "export REPAT_TEST_PG_URL=postgresql://postgres@127.0.0.1:$PORT/repat_test"
