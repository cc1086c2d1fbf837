# Shared by the end-to-end tests: a private Xvfb, the kiosk under it, screenshots.
# Source it; it defines functions and cleans up on exit. Needs xvfb, imagemagick.

# A failing command says where, so a red CI run names the step that broke.
set -o errtrace
trap 'echo "e2e: failed at ${BASH_SOURCE[0]##*/}:$LINENO: $BASH_COMMAND" >&2' ERR

# The kiosk keeps its id and feedback under the XDG state folder when no
# /var/lib/amanat is writable: each test gets its own, never the user's.
E2E_STATE=$(mktemp -d)
export XDG_STATE_HOME=$E2E_STATE

# Starts Xvfb on a free display number and exports DISPLAY. -displayfd makes Xvfb
# write the number once it accepts connections, so no waiting by time is needed.
start_xvfb() {
  local size=${1:-1920x1080}
  local fifo number attempt
  # Two tests starting at once can race for the same free display number; the
  # loser exits at once, so try again (a hang still fails after 30 s).
  for attempt in 1 2 3; do
    fifo=$(mktemp -u)
    mkfifo "$fifo"
    Xvfb -displayfd 3 -screen 0 "${size}x24" -nolisten tcp -noreset 3>"$fifo" 2>/dev/null &
    XVFB_PID=$!
    if read -r -t 30 number <"$fifo"; then
      rm -f "$fifo"
      export DISPLAY=":$number"
      return 0
    fi
    rm -f "$fifo"
    kill "$XVFB_PID" 2>/dev/null || true
    XVFB_PID=
  done
  echo "Xvfb did not start (3 attempts)" >&2
  return 1
}

# Starts the kiosk with the given arguments. Its stderr is copied to $KIOSK_LOG and
# to a pipe that wait_for_log reads line by line as the kiosk writes them.
start_kiosk() {
  KIOSK_LOG=${KIOSK_LOG:-$(mktemp)}
  local fifo
  fifo=$(mktemp -u)
  mkfifo "$fifo"
  "$KIOSK" "$@" 2> >(tee "$KIOSK_LOG" >"$fifo") &
  KIOSK_PID=$!
  exec {KIOSK_LINES}<"$fifo"
  rm -f "$fifo"
}

# Blocks until the kiosk logs a line containing $1 (it logs each screen it shows),
# or fails after $2 seconds (default 60) or when the kiosk's stderr closes.
wait_for_log() {
  local pattern=$1 limit=${2:-60} line
  local deadline=$((SECONDS + limit))
  while [ "$SECONDS" -lt "$deadline" ] && read -r -t "$((deadline - SECONDS + 1))" -u "$KIOSK_LINES" line; do
    [[ $line == "amanat-kiosk: targets"* ]] && LAST_TARGETS=$line
    if [[ $line == *"$pattern"* ]]; then
      LOG_LINE=$line  # the line itself: the log file may lag behind the pipe
      return 0
    fi
  done
  echo "the kiosk never logged '$pattern' within ${limit} s; its log:" >&2
  cat "$KIOSK_LOG" >&2
  return 1
}

# screenshot FILE: the whole X screen as PNG.
screenshot() {
  /usr/bin/import -window root "$1"
}

# Standard deviation of all pixels (0 = one flat colour).
image_spread() {
  /usr/bin/convert "$1" -colorspace Gray -format '%[fx:standard_deviation]' info:
}

# pixel FILE X Y: the colour at (X, Y) as "r,g,b" (0-255).
pixel() {
  /usr/bin/convert "$1" -format "%[fx:int(255*p{$2,$3}.r)],%[fx:int(255*p{$2,$3}.g)],%[fx:int(255*p{$2,$3}.b)]" info:
}

# stop_kiosk: SIGTERM, then the exit code of the kiosk in $KIOSK_STATUS.
stop_kiosk() {
  kill -TERM "$KIOSK_PID"
  set +e
  wait "$KIOSK_PID"
  KIOSK_STATUS=$?
  set -e
  KIOSK_PID=
}

cleanup_e2e() {
  [ -n "${KIOSK_PID:-}" ] && kill -KILL "$KIOSK_PID" 2>/dev/null
  [ -n "${XVFB_PID:-}" ] && kill "$XVFB_PID" 2>/dev/null
  wait 2>/dev/null
  rm -rf "$E2E_STATE"
  return 0
}
trap cleanup_e2e EXIT

# The kiosk's window title describes what it shows ("Amanat screen=gallery
# language=kk ..."); tests read it to check the state behind a screenshot.
kiosk_title() {
  local id
  id=$(xdotool search --name '^Amanat screen=' 2>/dev/null | head -n 1)
  [ -n "$id" ] && xdotool getwindowname "$id"
}

# expect_title PATTERN: the title must contain PATTERN.
expect_title() {
  local title
  title=$(kiosk_title)
  if [[ $title != *"$1"* ]]; then
    echo "expected the kiosk to show '$1', its title is '$title'; its log:" >&2
    cat "$KIOSK_LOG" >&2
    return 1
  fi
}

# The centre of touch target $1 from the last "targets" line wait_for_log has
# read (AMANAT_LOG_TARGETS=1), as "X Y". Not from the log file: it can lag
# behind the pipe.
target() {
  local line=${LAST_TARGETS:-}
  local found
  found=$(tr ' ' '\n' <<<"$line" | grep "^$1@" | head -n 1)
  if [ -z "$found" ]; then
    echo "no touch target '$1' on screen; last targets:$line" >&2
    return 1
  fi
  tr ',' ' ' <<<"${found#*@}"
}

# tap X Y: a press and a release, as a finger would.
tap() {
  xdotool mousemove "$1" "$2" mousedown 1 mouseup 1
}

# tap_target ID: taps the centre of touch target ID (see target).
tap_target() {
  local x y
  read -r x y < <(target "$1") || return 1
  tap "$x" "$y"
}

# drag X1 Y1 X2 Y2: press, move in steps, release.
drag() {
  local x1=$1 y1=$2 x2=$3 y2=$4 i steps=12
  xdotool mousemove "$x1" "$y1" mousedown 1
  for ((i = 1; i <= steps; i++)); do
    xdotool mousemove "$((x1 + (x2 - x1) * i / steps))" "$((y1 + (y2 - y1) * i / steps))"
  done
  xdotool mouseup 1
}

# differs A B: the two screenshots are not the same picture.
differs() {
  local changed
  changed=$(/usr/bin/compare -metric AE "$1" "$2" null: 2>&1 || true)
  [ "${changed%% *}" != "0" ]
}

# wait_for_file FILE [SECONDS]: until FILE exists and is not empty (default 20
# s), such as the status file the kiosk's writer thread replaces; fails with the
# kiosk's log.
wait_for_file() {
  local deadline=$((SECONDS + ${2:-20}))
  until [ -s "$1" ]; do
    if [ "$SECONDS" -ge "$deadline" ]; then
      echo "$1 did not appear within ${2:-20} s; the kiosk's log:" >&2
      cat "$KIOSK_LOG" >&2
      return 1
    fi
    sleep 0.1
  done
}
