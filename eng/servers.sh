# Throwaway servers for the tests, sourced by eng/test.sh and eng/reliability.sh (not run on its own):
#   servers_start WHAT…   WHAT: postgres smtp chromium libreoffice
#     postgres     a PostgreSQL cluster in a temporary folder on a free port -> CAF_TEST_POSTGRES
#                  (kept as given when CAF_TEST_POSTGRES is set and SERVERS_REUSE_POSTGRES=1)
#     smtp         an SMTP sink writing a Maildir (aiosmtpd)      -> CAF_TEST_SMTP_HOST, CAF_TEST_SMTP_PORT, CAF_TEST_MAILDIR
#     chromium     /usr/bin/chromium                               -> CAF_TEST_CHROMIUM
#     libreoffice  /usr/bin/libreoffice                            -> CAF_TEST_LIBREOFFICE
#   servers_stop          stops what servers_start started and removes $TMP (call it from the caller's EXIT trap)
# Missing Debian packages are installed when running as root. $TMP is the temporary folder (mode 755) the caller may use.
# The caller sets SERVERS_LOG_PREFIX (e.g. "test.sh") for messages and runs with `set -euo pipefail`.

PY=/usr/bin/python3
[[ -x $PY ]] || PY=python3

TMP=""
PGBIN=""
PGROOT=""
PG_STARTED=0
SMTP_PID=""

log() { printf '%s: %s\n' "${SERVERS_LOG_PREFIX:-servers}" "$*"; }

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

have_pg() { compgen -G '/usr/lib/postgresql/*/bin/initdb' >/dev/null; }
have_aiosmtpd() { /usr/bin/python3 -c 'import aiosmtpd' >/dev/null 2>&1; }
have_chromium() { [[ -x /usr/bin/chromium ]]; }
have_libreoffice() { [[ -x /usr/bin/libreoffice ]]; }

servers_stop() {
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

servers_start() {
  local want=" $* " missing=()
  [[ $want == *" postgres "* ]] && ! have_pg && missing+=(postgresql)
  [[ $want == *" smtp "* ]] && ! have_aiosmtpd && missing+=(python3-aiosmtpd)
  [[ $want == *" chromium "* ]] && ! have_chromium && missing+=(chromium)
  [[ $want == *" libreoffice "* ]] && ! have_libreoffice && missing+=(libreoffice-calc-nogui)

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

  if [[ $want == *" postgres "* ]]; then servers_start_postgres; fi
  if [[ $want == *" smtp "* ]]; then servers_start_smtp; fi
  if [[ $want == *" chromium "* ]]; then
    if have_chromium; then export CAF_TEST_CHROMIUM=/usr/bin/chromium; else log "chromium not installed: CAF_TEST_CHROMIUM not set"; fi
  fi
  if [[ $want == *" libreoffice "* ]]; then
    if have_libreoffice; then export CAF_TEST_LIBREOFFICE=/usr/bin/libreoffice; else log "libreoffice not installed: CAF_TEST_LIBREOFFICE not set"; fi
  fi
}

servers_start_postgres() {
  if [[ ${SERVERS_REUSE_POSTGRES:-0} == 1 && -n ${CAF_TEST_POSTGRES:-} ]]; then
    log "PostgreSQL from CAF_TEST_POSTGRES"
    return
  fi
  if ! have_pg; then
    log "PostgreSQL not installed: CAF_TEST_POSTGRES not set"
    return
  fi
  PGBIN=$(ls -d /usr/lib/postgresql/*/bin | sort -V | tail -1)
  PGROOT="$TMP/pg"
  if [[ $IS_ROOT == 1 ]]; then
    install -d -o postgres -g postgres -m 755 "$PGROOT"
  else
    install -d -m 755 "$PGROOT"
  fi
  local port
  port=$(free_port)
  # cd into PGROOT so the postgres user never trips over an unreadable cwd.
  (cd "$PGROOT" && as_pg "$PGBIN/initdb" -D "$PGROOT/data" -U postgres --auth=trust \
    -E UTF8 --locale=C.UTF-8 >"$PGROOT/initdb.log" 2>&1) || {
    log "initdb failed:"; cat "$PGROOT/initdb.log"; exit 1; }
  PG_STARTED=1
  (cd "$PGROOT" && as_pg "$PGBIN/pg_ctl" -D "$PGROOT/data" -l "$PGROOT/server.log" -w -t 30 \
    -o "-p $port -c listen_addresses=127.0.0.1 -k $PGROOT -c fsync=off -c max_connections=200" \
    start >/dev/null) || {
    log "PostgreSQL failed to start:"; cat "$PGROOT/server.log" || true; exit 1; }
  export CAF_TEST_POSTGRES="Host=127.0.0.1;Port=$port;Username=postgres;Database=postgres;Include Error Detail=true"
  log "PostgreSQL $("$PGBIN/postgres" --version | awk '{print $3}') on 127.0.0.1:$port"
}

servers_start_smtp() {
  if ! have_aiosmtpd; then
    log "aiosmtpd not installed: CAF_TEST_SMTP_* not set"
    return
  fi
  local maildir="$TMP/maildir" port
  mkdir -p "$maildir"/{new,cur,tmp}
  port=$(free_port)
  /usr/bin/python3 -m aiosmtpd -n -l "127.0.0.1:$port" \
    -c aiosmtpd.handlers.Mailbox "$maildir" >"$TMP/smtp.log" 2>&1 &
  SMTP_PID=$!
  for _ in $(seq 100); do
    port_open "$port" && break
    if ! kill -0 "$SMTP_PID" 2>/dev/null; then break; fi
    sleep 0.1
  done
  if ! port_open "$port"; then
    log "SMTP sink (aiosmtpd) did not start:"; cat "$TMP/smtp.log" || true; exit 1
  fi
  export CAF_TEST_SMTP_HOST=127.0.0.1
  export CAF_TEST_SMTP_PORT="$port"
  export CAF_TEST_MAILDIR="$maildir"
  log "SMTP sink on 127.0.0.1:$port, Maildir $maildir"
}
