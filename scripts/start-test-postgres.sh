#!/usr/bin/env bash
# Starts a throw-away PostgreSQL server (Debian's postgresql package) for the tests and the bench,
# and prints its connection URL. Usage: url=$(scripts/start-test-postgres.sh [first port to try])
# Stop it with: pg_ctl -D <dir>/data stop (the directory is printed on stderr).
set -euo pipefail
port="${1:-55433}"
bin=$(ls -d /usr/lib/postgresql/*/bin 2>/dev/null | sort -V | tail -n 1)
if [ -z "$bin" ] || [ ! -x "$bin/initdb" ]; then
  echo "PostgreSQL server binaries not found: apt-get install -y postgresql" >&2
  exit 1
fi
# The first free port from the one asked for.
for _ in $(seq 1 50); do
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || break
  port=$((port + 1))
done
dir=$(mktemp -d /tmp/hdc-test-postgres.XXXXXX)
as_owner=()
if [ "$(id -u)" = "0" ]; then
  # initdb refuses to run as root: the server runs as the package's postgres user.
  chown postgres "$dir"
  as_owner=(runuser -u postgres --)
fi
"${as_owner[@]}" "$bin/initdb" -D "$dir/data" -A trust -U hdc >"$dir/initdb.log" 2>&1 \
  || { cat "$dir/initdb.log" >&2; exit 1; }
"${as_owner[@]}" "$bin/pg_ctl" -D "$dir/data" -l "$dir/server.log" -w \
  -o "-p $port -k $dir -c listen_addresses=127.0.0.1 -c fsync=off" start >/dev/null \
  || { cat "$dir/server.log" >&2; exit 1; }
"$bin/psql" -h 127.0.0.1 -p "$port" -U hdc -d postgres -qc 'create database hdc_test' >/dev/null
echo "test Postgres $("$bin/postgres" --version | awk '{print $3}') in $dir on port $port" >&2
echo "postgres://hdc@127.0.0.1:$port/hdc_test"
