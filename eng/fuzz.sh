#!/usr/bin/env bash
# The long form of the fuzz run (issue 10): a few thousand malformed requests over every page POST handler and API route,
# on SQLite and, when CAF_TEST_POSTGRES is set, PostgreSQL. None may answer 5xx; none refused may write a business row.
#   eng/fuzz.sh [REQUESTS] [SEED]      (defaults: 4000 requests, the test's fixed seed)
# eng/test.sh runs the same test in its short form (600 requests).
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
export CAF_FUZZ_REQUESTS="${1:-4000}"
[[ -n ${2:-} ]] && export CAF_FUZZ_SEED="$2"
exec dotnet test tests/Caf.IntegrationTests --filter "FullyQualifiedName~FuzzTests" --logger "console;verbosity=normal"
