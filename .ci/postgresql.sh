#!/usr/bin/env bash
# Installs PostgreSQL from Debian's packages when it is missing, starts a cluster on 127.0.0.1:5432,
# and creates the database and user the audit tests use. Prints the JDBC URL to use.
# Safe to run again: every step checks first.
set -euo pipefail

DB=${ADVISOR_PG_DB:-cramp_advisor_test}
USER_NAME=${ADVISOR_PG_USER:-cramp_advisor}
PASSWORD=${ADVISOR_PG_PASSWORD:-cramp_advisor}

if ! ls /usr/lib/postgresql/*/bin/postgres >/dev/null 2>&1; then
  echo "Installing PostgreSQL from Debian's packages" >&2
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq postgresql >&2
fi

version=$(ls /usr/lib/postgresql | sort -V | tail -1)
if ! pg_lsclusters -h | awk '{print $1" "$2}' | grep -q "^$version main$"; then
  pg_createcluster "$version" main >&2
fi
if ! pg_lsclusters -h | awk -v v="$version" '$1==v && $2=="main" {print $4}' | grep -q online; then
  pg_ctlcluster "$version" main start >&2
fi
for _ in $(seq 1 30); do
  pg_isready -q -h 127.0.0.1 -p 5432 && break
  sleep 1
done
pg_isready -h 127.0.0.1 -p 5432 >&2

as_postgres() { su postgres -c "$1"; }
if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_roles WHERE rolname = '$USER_NAME'\"" | grep -q 1; then
  as_postgres "psql -qc \"CREATE ROLE $USER_NAME LOGIN PASSWORD '$PASSWORD'\"" >&2
fi
if ! as_postgres "psql -tAc \"SELECT 1 FROM pg_database WHERE datname = '$DB'\"" | grep -q 1; then
  as_postgres "createdb -O $USER_NAME $DB" >&2
fi
echo "jdbc:postgresql://127.0.0.1:5432/$DB"
