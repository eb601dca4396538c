#!/bin/bash
# The Docker HEALTHCHECK: exits 0 when the emulator answers GET /_emulator/health with 200, 1 otherwise.
#
#   healthcheck.sh [PACE_S] [READY_WAIT_S]
#
# Docker starts it every --interval, and every start costs CPU however cheap the check: about 20 ms in the container
# (runc's init) and 40 ms more in the engine here. A short interval alone would make the container healthy soon after
# the emulator is ready but go on costing that, and Docker 20.10 has no --start-interval. So the check paces itself,
# remembering whether it has seen the emulator healthy:
# - until it has, a run waits for the emulator, checking every POLL_S, and exits 0 as soon as it answers: the
#   container is healthy within tens of milliseconds of the emulator being ready, however long the start takes;
# - after that, a run sleeps PACE_S, then checks once: one run every PACE_S plus the interval.
# Bash rather than Node: a Node check costs about 140 ms of CPU and 42 MB, bash about 3 ms and 3 MB, and is in every
# Debian image; /dev/tcp is bash's own, so no curl is needed either.
set -u

# The port as the emulator reads it (src/config.ts), with the same default.
readonly PORT=${EMULATOR_HTTP_PORT:-8080}
# Once healthy, one check every 30 s, Docker's own default interval: nearly free on an idle container, which turns
# unhealthy after three failed checks in a row, about 1.5 min.
readonly PACE_S=${1:-30}
# How long a run waits for the emulator to be ready before it reports not ready.
readonly READY_WAIT_S=${2:-10}
readonly POLL_S=0.05
readonly CHECK_TIMEOUT_S=2

# What the check remembers lives in /dev/shm, writable even in a read-only container, and is keyed by the start
# time of PID 1 (the emulator), so that a restarted container waits for its emulator again.
read -r -a pid1 < /proc/1/stat
readonly STARTED=${pid1[21]}
readonly SEEN_HEALTHY=/dev/shm/customer-insights-emulator-healthy-$PORT

healthy () {
  local status=''
  exec 3<>"/dev/tcp/127.0.0.1/$PORT" || return 1
  printf 'GET /_emulator/health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n' >&3
  IFS= read -r -t "$CHECK_TIMEOUT_S" status <&3
  exec 3<&-
  [[ $status == 'HTTP/1.1 200 '* ]]
}

seen=''
[[ -r $SEEN_HEALTHY ]] && read -r seen < "$SEEN_HEALTHY"
if [[ $seen == "$STARTED" ]]; then
  sleep "$PACE_S"
  healthy 2>/dev/null
  exit
fi

# Microseconds since the epoch, without starting a process.
deadline_us=$((${EPOCHREALTIME/[.,]/} + READY_WAIT_S * 1000000))
until healthy 2>/dev/null; do
  ((${EPOCHREALTIME/[.,]/} < deadline_us)) || exit 1
  sleep "$POLL_S"
done
echo "$STARTED" > "$SEEN_HEALTHY"
