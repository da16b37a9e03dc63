# Start and stop a throwaway PostgreSQL 15 on 127.0.0.1 for the test suite.
# Sourced by scripts/test. Sets BELOFTE_TEST_POSTGRES_URL when it starts one.
# initdb refuses root, so the server runs as a system user `pgci` (created if needed).

PG_BIN=${PG_BIN:-/usr/lib/postgresql/15/bin}
PG_PORT=${PG_PORT:-54329}
PG_DIR=${PG_DIR:-$PWD/.ci-postgres}

pg_install_if_missing() {
  if [ ! -x "$PG_BIN/pg_ctl" ] && [ "$(id -u)" = 0 ] && command -v apt-get >/dev/null; then
    echo "== installing PostgreSQL 15 (apt)"
    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq postgresql-15 >/dev/null
  fi
}

pg_start() {
  pg_install_if_missing
  if [ ! -x "$PG_BIN/pg_ctl" ]; then
    echo "== PostgreSQL 15 not found at $PG_BIN: the postgres tests will be skipped"
    return 0
  fi
  local run=()
  if [ "$(id -u)" = 0 ]; then
    id pgci >/dev/null 2>&1 || useradd --system --no-create-home --shell /usr/sbin/nologin pgci
    run=(runuser -u pgci --)
  fi
  rm -rf "$PG_DIR" && mkdir -p "$PG_DIR"
  [ "$(id -u)" = 0 ] && chown pgci "$PG_DIR"
  "${run[@]}" "$PG_BIN/initdb" -D "$PG_DIR/data" -U postgres --auth=trust -E UTF8 --locale=C.UTF-8 >/dev/null
  # fsync off etc. only because this database is thrown away after the run.
  "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -l "$PG_DIR/log" -w start -o \
    "-c listen_addresses=127.0.0.1 -p $PG_PORT -c unix_socket_directories=$PG_DIR -c fsync=off -c synchronous_commit=off -c full_page_writes=off" >/dev/null
  export BELOFTE_TEST_POSTGRES_URL="postgresql+psycopg://postgres@127.0.0.1:$PG_PORT/postgres"
  PG_STARTED=1
  echo "== PostgreSQL $("$PG_BIN/postgres" --version | awk '{print $3}') started on 127.0.0.1:$PG_PORT"
}

pg_stop() {
  if [ "${PG_STARTED:-0}" = 1 ]; then
    local run=()
    [ "$(id -u)" = 0 ] && run=(runuser -u pgci --)
    "${run[@]}" "$PG_BIN/pg_ctl" -D "$PG_DIR/data" -m fast -w stop >/dev/null || true
    rm -rf "$PG_DIR"
    PG_STARTED=0
    echo "== PostgreSQL stopped"
  fi
}
