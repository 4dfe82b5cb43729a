#!/usr/bin/env bash
# Adds a migration with the same name for every provider: eng/add-migration.sh NAME
set -euo pipefail
cd "$(dirname "$0")/.."
name=${1:?usage: eng/add-migration.sh NAME}
dotnet tool restore >/dev/null
for provider in Sqlite Postgres SqlServer; do
  dotnet ef migrations add "$name" --project src/Caf.Data --startup-project src/Caf.Data \
    --context "${provider}CafDbContext" --output-dir "Migrations/$provider" --namespace "Caf.Data.Migrations.$provider"
  # EF puts the snapshot in a folder named after the namespace; keep it beside the migrations.
  if [ -d src/Caf.Data/Caf ]; then mv src/Caf.Data/Caf/Data/Migrations/$provider/*.cs "src/Caf.Data/Migrations/$provider/"; rm -rf src/Caf.Data/Caf; fi
done
