#!/bin/bash
# Run once by the mysql image's entrypoint on an empty data directory (/docker-entrypoint-initdb.d):
# one schema per service and one user per service, with rights on its own schema only, so a
# service (or whoever steals its password) cannot read another's data. Flyway, run by each
# service at start, creates the tables inside.
set -euo pipefail
for svc in complaint survey inspection notification gateway; do
  var="ZF_DB_PASSWORD_${svc^^}"
  pass="${!var:?$var must be set}"
  mysql --protocol=socket -uroot -p"$MYSQL_ROOT_PASSWORD" <<SQL
CREATE DATABASE IF NOT EXISTS zf_${svc} CHARACTER SET utf8mb4 COLLATE utf8mb4_unicode_ci;
CREATE USER IF NOT EXISTS 'zf_${svc}'@'%' IDENTIFIED BY '${pass}';
GRANT ALL PRIVILEGES ON zf_${svc}.* TO 'zf_${svc}'@'%';
SQL
done
