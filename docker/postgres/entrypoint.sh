#!/bin/sh
# Starts PostgreSQL as the postgres user. On first start (an empty PGDATA) it makes the cluster:
# superuser POSTGRES_USER with POSTGRES_PASSWORD (or the file named by POSTGRES_PASSWORD_FILE), and
# the database POSTGRES_DB. Later starts use the cluster as it is: changing these variables then
# changes nothing (docs/deploy.md says how to change the password).
set -eu

: "${PGDATA:=/var/lib/postgresql/data}"
: "${POSTGRES_USER:=postgres}"
: "${POSTGRES_DB:=$POSTGRES_USER}"
if [ -n "${POSTGRES_PASSWORD_FILE:-}" ]; then POSTGRES_PASSWORD=$(cat "$POSTGRES_PASSWORD_FILE"); fi
bin=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -n 1)
# As root (the default), it prepares the volume and drops to postgres; as postgres, it just runs.
as_postgres=
if [ "$(id -u)" = 0 ]; then
  mkdir -p "$PGDATA" /run/postgresql
  chown postgres:postgres "$PGDATA" /run/postgresql
  chmod 700 "$PGDATA"
  as_postgres="setpriv --reuid=postgres --regid=postgres --init-groups"
fi

if [ ! -s "$PGDATA/PG_VERSION" ]; then
  if [ -z "${POSTGRES_PASSWORD:-}" ]; then
    echo "postgres: POSTGRES_PASSWORD (or POSTGRES_PASSWORD_FILE) must be set to create the database" >&2
    exit 1
  fi
  pwfile=$(mktemp)
  printf '%s\n' "$POSTGRES_PASSWORD" >"$pwfile"
  chown postgres "$pwfile"
  $as_postgres "$bin/initdb" --pgdata="$PGDATA" --username="$POSTGRES_USER" --pwfile="$pwfile" \
    --auth-local=trust --auth-host=scram-sha-256 --encoding=UTF8 --locale=C.UTF-8
  rm -f "$pwfile"
  # The Unix socket is reachable only inside this container (`exec` for psql and pg_dump): trusted,
  # as in the official postgres image. Other containers come over the network, with the password.
  printf 'host all all all scram-sha-256\n' >>"$PGDATA/pg_hba.conf"
  if [ "$POSTGRES_DB" != postgres ]; then
    echo "CREATE DATABASE \"$POSTGRES_DB\";" | $as_postgres "$bin/postgres" --single -D "$PGDATA" postgres >/dev/null
  fi
  echo "postgres: created the cluster with database $POSTGRES_DB"
fi

# The port is PGPORT (default 5432).
exec $as_postgres "$bin/postgres" -D "$PGDATA" -c listen_addresses='*' -c unix_socket_directories=/run/postgresql "$@"
