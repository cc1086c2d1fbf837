# The kiosk as the unit runs it: under cage (Debian 12's 0.1.4), on its Wayland
# socket, as an unprivileged user. Source after lib.sh. Defines start_cage_kiosk,
# capture (a frame through the compositor) and the session's user and folders.
#
# What this machine has (and CI): no GPU, no /dev/dri, no input devices, no
# uinput. So cage draws with wlroots' pixman renderer on its headless backend,
# which has no input at all. Input through cage (real multi-finger touch, keys)
# comes from tests/wayland/touch-display instead: cage's X11 backend on an Xorg
# with a virtual touchscreen (tests/e2e/touch-under-cage).

for tool in cage Xwayland grim setpriv weston-simple-egl; do
  if ! command -v "$tool" >/dev/null 2>&1; then
    echo "SKIP: $tool is not installed (packaging/install-deps installs it)" >&2
    exit 77
  fi
done

# cage refuses to run as root ("Unable to drop root"): as root, the session runs
# as nobody, in folders it owns, as the unit runs it as the user amanat.
# (A command prefix, not a function: started in the background it must be cage
# itself, whose pid the unit's ExecStop= lines are given.)
if [ "$(id -u)" -eq 0 ]; then
  AS_SESSION_USER=(setpriv --reuid=nobody --regid=nogroup --clear-groups)
  SESSION_OWNER=nobody:nogroup
else
  AS_SESSION_USER=()
  SESSION_OWNER=$(id -u):$(id -g)
fi
CAGE_RUNTIME=$(mktemp -d)
chmod 0700 "$CAGE_RUNTIME"
chown "$SESSION_OWNER" "$CAGE_RUNTIME" "$E2E_STATE"

cleanup_cage() {
  [ -n "${CAGE_PID:-}" ] && kill -KILL "$CAGE_PID" 2>/dev/null
  cleanup_e2e
  rm -rf "$CAGE_RUNTIME"
}
trap cleanup_cage EXIT

# start_cage BACKEND COMMAND...: cage with BACKEND ("headless", or "x11" on
# $DISPLAY) running COMMAND as its client, with a 1280x720 output (wlroots'
# default for both). CAGE_PID is cage's; the log lines of both are read with
# wait_for_log.
#
# cage -r -r turns the output half a turn, for the capture only: a client that
# covers its output is otherwise scanned out (its buffer shown as it is), and
# wlroots 0.15's screencopy reads such a frame as black with the pixman renderer.
# grim turns the picture back; input is mapped to the output as turned, so a tap
# still lands where the kiosk drew the button.
start_cage() {
  local backend=$1
  shift
  local wlr=(WLR_BACKENDS="$backend" WLR_RENDERER=pixman WLR_LIBINPUT_NO_DEVICES=1)
  [ "$backend" = headless ] && wlr+=(WLR_HEADLESS_OUTPUTS="${CAGE_OUTPUTS:-1}")
  KIOSK_LOG=${KIOSK_LOG:-$(mktemp)}
  local fifo
  fifo=$(mktemp -u)
  mkfifo "$fifo"
  "${AS_SESSION_USER[@]}" env XDG_RUNTIME_DIR="$CAGE_RUNTIME" HOME="$E2E_STATE" XDG_STATE_HOME="$E2E_STATE" \
    AMANAT_LOG_TARGETS=1 "${wlr[@]}" cage -r -r -- "$@" 2> >(tee "$KIOSK_LOG" >"$fifo") &
  CAGE_PID=$!
  KIOSK_PID=
  exec {KIOSK_LINES}<"$fifo"
  rm -f "$fifo"
  # cage listens on its socket before it starts its client.
  local deadline=$((SECONDS + 20))
  until [ -S "$CAGE_RUNTIME/wayland-0" ]; do
    [ "$SECONDS" -lt "$deadline" ] && kill -0 "$CAGE_PID" 2>/dev/null || fail_with_log "cage did not start"
    sleep 0.05
  done
}

# start_cage_kiosk BACKEND [KIOSK ARGS...]: the kiosk as amanat-kiosk.service
# runs it (SDL on Wayland), full screen.
start_cage_kiosk() {
  local backend=$1
  shift
  start_cage "$backend" env SDL_VIDEODRIVER=wayland "$KIOSK" --no-audio "$@"
}

# capture FILE: the output as the compositor composed it, over wlr-screencopy.
capture() {
  local shot=$CAGE_RUNTIME/capture.png
  "${AS_SESSION_USER[@]}" env XDG_RUNTIME_DIR="$CAGE_RUNTIME" WAYLAND_DISPLAY=wayland-0 grim "$shot"
  cp "$shot" "$1"
}

# stop_cage_session: as the unit stops the service (its ExecStop= lines, run with
# MAINPID=cage): SIGTERM to the kiosk, then cage follows. CAGE_STATUS is cage's.
stop_cage_session() {
  local unit=$1 line
  while IFS= read -r line; do
    line=${line#ExecStop=}
    line=${line#-}
    line=${line//\$\{MAINPID\}/$CAGE_PID}
    read -r -a command <<<"$line"
    "${command[@]}" || true
  done < <(grep '^ExecStop=' "$unit")
  wait_cage
}

# wait_cage: cage's exit status in CAGE_STATUS.
wait_cage() {
  CAGE_STATUS=0
  wait "$CAGE_PID" 2>/dev/null || CAGE_STATUS=$?
  CAGE_PID=
}

# kiosk_exit_status: what the kiosk logs as its exit status, its last line (an
# orphan once cage is gone, it may log after cage's exit: waited for, 20 s).
kiosk_exit_status() {
  wait_for_log "amanat-kiosk: exiting with status" 20 >&2 || return 0
  echo "${LOG_LINE##* }"
}

# fail_with_log MESSAGE: the message, the session's log without wlroots' noise, exit 1.
fail_with_log() {
  echo "$1; the session's log:" >&2
  grep -v -e 'Basic output test failed' -e 'scan-out' "$KIOSK_LOG" >&2 || true
  exit 1
}

