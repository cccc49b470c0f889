#!/usr/bin/env bash
# Start a local PostgreSQL for the test suite: Debian's package, its default
# cluster, and a role that may create the test database. Idempotent.
#   scripts/postgres.sh   then   DATABASE_URL=postgres://duizhao:duizhao@127.0.0.1:5432/duizhao
set -euo pipefail
SUDO=""; [ "$(id -u)" = 0 ] || SUDO=sudo

if ! command -v pg_lsclusters >/dev/null; then
  $SUDO apt-get update -q
  $SUDO env DEBIAN_FRONTEND=noninteractive apt-get install -y -q postgresql
fi
read -r version cluster _ < <(pg_lsclusters --no-header | head -n 1)
if [ -z "${version:-}" ]; then
  version=$(ls /usr/lib/postgresql | sort -n | tail -n 1)
  cluster=main
  $SUDO pg_createcluster "$version" "$cluster"
fi
$SUDO pg_ctlcluster "$version" "$cluster" start 2>/dev/null || true
for _ in $(seq 30); do pg_isready -q -h 127.0.0.1 && break; sleep 1; done

as_postgres() { if [ "$(id -u)" = 0 ]; then runuser -u postgres -- "$@"; else sudo -u postgres "$@"; fi; }
as_postgres psql -q -v ON_ERROR_STOP=1 <<'SQL'
DO $$ BEGIN
  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'duizhao') THEN
    CREATE ROLE duizhao LOGIN CREATEDB PASSWORD 'duizhao';
  END IF;
END $$;
SQL
as_postgres psql -tAc "SELECT 1 FROM pg_database WHERE datname = 'duizhao'" | grep -q 1 \
  || as_postgres createdb -O duizhao duizhao
echo "PostgreSQL $version ready: postgres://duizhao:duizhao@127.0.0.1:5432/duizhao"
