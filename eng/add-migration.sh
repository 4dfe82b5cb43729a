#!/usr/bin/env bash
# Adds a migration with the same name for every provider: eng/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: eng/add-migration.sh NAME}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add "$name" --project src/Caf.Data --startup-project src/Caf.Data \
    --context "${provider}CafDbContext" --output-dir "Migrations/$provider" --namespace "Caf.Data.Migrations.$provider"
done
