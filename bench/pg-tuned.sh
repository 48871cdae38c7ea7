#!/bin/bash
# A private PostgreSQL cluster of the machine's own PostgreSQL binaries, configured as a production server on
# this machine would be (24 GiB RAM, 2 cores), to run the trace bench against it next to the machine's
# default-configured server. Only the settings below differ; durability is the same (fsync,
# synchronous_commit and full_page_writes stay on).
#
#   bench/pg-tuned.sh start            # initdb (first time) and start on 127.0.0.1:5499, database zl_bench
#   DATABASE_URL=postgres://postgres@127.0.0.1:5499/zl_bench npx node bench/trace.ts 1000000 1000 2
#   bench/pg-tuned.sh stop             # stop it (the data directory stays until `bench/pg-tuned.sh drop`)
set -euo pipefail
BIN=${PG_BIN:-$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)}
DATA=${PG_TUNED_DATA:-/tmp/zl-pg-tuned}
PORT=${PG_TUNED_PORT:-5499}
as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else "$@"; fi; }

case "${1:-}" in
  start)
    if [ ! -f "$DATA/PG_VERSION" ]; then
      mkdir -p "$DATA" && chown postgres "$DATA" 2>/dev/null || true
      as_postgres "$BIN/initdb" -D "$DATA" -U postgres --auth=trust --locale=C.UTF-8 >/dev/null
      cat >>"$DATA/postgresql.conf" <<EOF
listen_addresses = '127.0.0.1'
port = $PORT
unix_socket_directories = '$DATA'
# memory: a quarter of RAM for the buffer pool, the rest for the page cache
shared_buffers = 6GB
effective_cache_size = 16GB
maintenance_work_mem = 1GB
wal_buffers = 64MB
# WAL: checkpoints by time, not by a 1 GB WAL size that a bulk load fills in seconds; compressed full-page images
max_wal_size = 16GB
min_wal_size = 4GB
checkpoint_timeout = 15min
checkpoint_completion_target = 0.9
wal_compression = lz4
# the platform's own pool sets jit off; the same here for psql sessions
jit = off
EOF
    fi
    as_postgres "$BIN/pg_ctl" -D "$DATA" -l "$DATA/server.log" -w start >/dev/null
    psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -Atqc "select 1 from pg_database where datname = 'zl_bench'" | grep -q 1 ||
      psql -h 127.0.0.1 -p "$PORT" -U postgres -d postgres -qc "create database zl_bench"
    echo "tuned PostgreSQL on 127.0.0.1:$PORT (data $DATA)"
    ;;
  stop) as_postgres "$BIN/pg_ctl" -D "$DATA" -w stop >/dev/null ;;
  drop)
    as_postgres "$BIN/pg_ctl" -D "$DATA" -w stop >/dev/null 2>&1 || true
    rm -rf "$DATA"
    ;;
  *) echo "usage: $0 start|stop|drop" >&2; exit 2 ;;
esac
