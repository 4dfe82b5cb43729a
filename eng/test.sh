#!/usr/bin/env bash
# Runs the whole CafGrants test suite against real, throwaway servers:
#   - PostgreSQL   (CAF_TEST_POSTGRES)
#   - SMTP sink    (CAF_TEST_SMTP_HOST, CAF_TEST_SMTP_PORT, CAF_TEST_MAILDIR)
#   - Chromium     (CAF_TEST_CHROMIUM)
#   - LibreOffice  (CAF_TEST_LIBREOFFICE: workbooks converted to PDF)
# Missing Debian packages are installed when running as root.
# Extra arguments are passed to `dotnet test`.
# The very last line printed is always: "N passed, N failed, N skipped".
set -euo pipefail

cd "$(dirname "$(readlink -f "${BASH_SOURCE[0]}")")/.."

export DOTNET_CLI_TELEMETRY_OPTOUT=1
export DOTNET_NOLOGO=1
export DOTNET_SKIP_FIRST_TIME_EXPERIENCE=1

SERVERS_LOG_PREFIX=test.sh
# shellcheck source=eng/servers.sh
source eng/servers.sh

# ---------------------------------------------------------------- state + cleanup
SUMMARY_PRINTED=0

cleanup() { servers_stop; }

on_exit() {
  local rc=$?
  trap - EXIT INT TERM
  cleanup
  if [[ $SUMMARY_PRINTED == 0 ]]; then
    log "aborted before the test summary (exit code $rc)"
    echo "0 passed, 0 failed, 0 skipped"
  fi
  exit "$rc"
}
trap on_exit EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# ---------------------------------------------------------------- servers (eng/servers.sh)
servers_start postgres smtp chromium libreoffice
LOG="$TMP/dotnet-test.log"

# ---------------------------------------------------------------- dotnet test
set +e
dotnet test CafGrants.sln "$@" 2>&1 | tee "$LOG"
TEST_RC=${PIPESTATUS[0]}
set -e

# Per-assembly VSTest summary, e.g.
#   Passed!  - Failed:     0, Passed:    12, Skipped:     0, Total:    12, Duration: 3 s - X.dll (net10.0)
# Strip ANSI colour codes first; sum over all assemblies.
read -r N_LINES N_PASSED N_FAILED N_SKIPPED < <(
  sed -E 's/\x1B\[[0-9;]*[A-Za-z]//g' "$LOG" |
    awk '
      /[A-Za-z]+![[:space:]]+-[[:space:]]+Failed:[[:space:]]*[0-9]+,[[:space:]]*Passed:[[:space:]]*[0-9]+,[[:space:]]*Skipped:[[:space:]]*[0-9]+/ {
        s = $0
        sub(/.*Failed:[[:space:]]*/, "", s);  f = s + 0
        sub(/.*Passed:[[:space:]]*/, "", s);  p = s + 0
        sub(/.*Skipped:[[:space:]]*/, "", s); k = s + 0
        n++; P += p; F += f; K += k
      }
      END { printf "%d %d %d %d\n", n, P, F, K }'
)

cleanup

RC=0
if ((N_LINES == 0)); then
  log "ERROR: no VSTest summary line ('Passed!/Failed! - Failed: …') found in the dotnet test output"
  RC=1
fi
if ((TEST_RC != 0)); then
  log "dotnet test exited with code $TEST_RC"
  RC=1
fi
if ((N_FAILED > 0)); then
  RC=1
fi

SUMMARY_PRINTED=1
echo "$N_PASSED passed, $N_FAILED failed, $N_SKIPPED skipped"
exit "$RC"
