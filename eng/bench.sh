#!/usr/bin/env bash
# Measures CafGrants beside its floors in a Release build and prints the figures as Markdown for docs/PERFORMANCE.md:
#   eng/bench.sh audit [--provider sqlite|postgres] [--records N] [--reuse] [--work DIR]
#   eng/bench.sh ledger [--provider sqlite|postgres] [--reuse] [--work DIR]   (the fund ledger workbook of 50,000 entries)
#   eng/bench.sh transition [--provider sqlite|postgres] [--transitions N] [--workers W]
# PostgreSQL: a server reachable with CAF_BENCH_POSTGRES (or --postgres CONNECTION); the benchmark makes its own database.
# Run it on a quiet machine: nothing else building or testing.
set -euo pipefail
cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."
dotnet build tests/Caf.Benchmarks -c Release -v q -nologo >/dev/null
exec dotnet tests/Caf.Benchmarks/bin/Release/net10.0/Caf.Benchmarks.dll "$@"
