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

PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3

log() { printf 'test.sh: %s\n' "$*"; }

# ---------------------------------------------------------------- state + cleanup
TMP=""
PGBIN=""
PGROOT=""
PG_STARTED=0
SMTP_PID=""
SUMMARY_PRINTED=0

cleanup() {
  if [[ -n $SMTP_PID ]]; then
    kill "$SMTP_PID" >/dev/null 2>&1 || true
    wait "$SMTP_PID" >/dev/null 2>&1 || true
    SMTP_PID=""
  fi
  if [[ $PG_STARTED == 1 ]]; then
    as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -m fast -w -t 30 stop >/dev/null 2>&1 || true
    PG_STARTED=0
  fi
  if [[ -n $TMP && -d $TMP ]]; then
    rm -rf -- "$TMP" || true
    TMP=""
  fi
}

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

IS_ROOT=0
[[ $(id -u) == 0 ]] && IS_ROOT=1

# Run a command as the postgres OS user (or as ourselves when not root).
as_pg() {
  if [[ $IS_ROOT == 1 ]]; then
    runuser -u postgres -- "$@"
  else
    "$@"
  fi
}

free_port() {
  "$PY" -c 'import socket;s=socket.socket();s.bind(("127.0.0.1",0));print(s.getsockname()[1])'
}

port_open() {
  (exec 3<>"/dev/tcp/127.0.0.1/$1") >/dev/null 2>&1
}

# ---------------------------------------------------------------- packages
have_pg() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
have_aiosmtpd() { /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; }
have_chromium() { [[ -x /usr/bin/chromium ]]; }
have_libreoffice() { [[ -x /usr/bin/libreoffice ]]; }

missing=()
have_pg || missing+=(postgresql)
have_aiosmtpd || missing+=(python3-aiosmtpd)
have_chromium || missing+=(chromium)
have_libreoffice || missing+=(libreoffice-calc-nogui)

if ((${#missing[@]})); then
  if [[ $IS_ROOT == 1 ]]; then
    log "installing: ${missing[*]}"
    apt-get update
    DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends "${missing[@]}"
  else
    log "NOT root, cannot install: ${missing[*]}"
    log "tests needing them will be skipped locally (in CI they fail)"
  fi
fi

TMP=$(mktemp -d)
chmod 755 "$TMP"
LOG="$TMP/dotnet-test.log"

# ---------------------------------------------------------------- PostgreSQL
if have_pg; then
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGROOT="$TMP/pg"
  if [[ $IS_ROOT == 1 ]]; then
    install -d -o postgres -g postgres -m 755 "$PGROOT"
  else
    install -d -m 755 "$PGROOT"
  fi
  PGPORT=$(free_port)
  # cd into PGROOT so the postgres user never trips over an unreadable cwd.
  (cd "$PGROOT" && as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust \
    -E UTF8 --locale=C.UTF-8 >"$PGROOT/initdb.log" 2>&1) || {
    log "initdb failed:"; cat "$PGROOT/initdb.log"; exit 1; }
  PG_STARTED=1
  (cd "$PGROOT" && as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 30 \
    -o "-p $PGPORT -c listen_addresses=127.0.0.1 -k $PGROOT -c fsync=off -c max_connections=200" \
    start >/dev/null) || {
    log "PostgreSQL failed to start:"; cat "$PGROOT/server.log" || true; exit 1; }
  export CAF_TEST_POSTGRES="Host=127.0.0.1;Port=$PGPORT;Username=postgres;Database=postgres;Include Error Detail=true"
  log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$PGPORT"
else
  log "PostgreSQL not installed: CAF_TEST_POSTGRES not set"
fi

# ---------------------------------------------------------------- SMTP sink
if have_aiosmtpd; then
  MAILDIR="$TMP/maildir"
  mkdir -p "$MAILDIR"/{new,cur,tmp}
  SMTPPORT=$(free_port)
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$SMTPPORT" \
    -c aiosmtpd.handlers.Mailbox "$MAILDIR" >"$TMP/smtp.log" 2>&1 &
  SMTP_PID=$!
  for _ in $(seq 100); do
    port_open "$SMTPPORT" && break
    if ! kill -0 "$SMTP_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  if ! port_open "$SMTPPORT"; then
    log "SMTP sink (aiosmtpd) did not start:"; cat "$TMP/smtp.log" || true; exit 1
  fi
  export CAF_TEST_SMTP_HOST=127.0.0.1
  export CAF_TEST_SMTP_PORT="$SMTPPORT"
  export CAF_TEST_MAILDIR="$MAILDIR"
  log "SMTP sink on 127.0.0.1:$SMTPPORT, Maildir $MAILDIR"
else
  log "aiosmtpd not installed: CAF_TEST_SMTP_* not set"
fi

# ---------------------------------------------------------------- Chromium
if have_chromium; then
  export CAF_TEST_CHROMIUM=/usr/bin/chromium
else
  log "chromium not installed: CAF_TEST_CHROMIUM not set"
fi

# ---------------------------------------------------------------- LibreOffice
if have_libreoffice; then
  export CAF_TEST_LIBREOFFICE=/usr/bin/libreoffice
else
  log "libreoffice not installed: CAF_TEST_LIBREOFFICE not set"
fi

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
