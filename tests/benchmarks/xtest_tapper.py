#!/usr/bin/env python3
"""xtest_tapper.py: taps on the X display named by $DISPLAY, for the benchmarks.

One process for a whole run, fed on stdin, so that a tap costs the machine
microseconds instead of an xdotool process each (about 10 ms of CPU: on a
two-core machine, 500 taps in 14 s were a third of a core taken from the kiosk
and Xvfb while their frames were timed). Each line is a command; after doing it
(and once the X server has taken the events: XSync) it answers "ok" on stdout:

    tap X Y     the pointer to (X, Y), the left button pressed and released
    quit

The same XTest requests as `xdotool mousemove X Y mousedown 1 mouseup 1`.
Needs libX11 and libXtst (xdotool's own dependencies).
"""
import ctypes
import sys


def main():
    x11 = ctypes.CDLL("libX11.so.6")
    xtst = ctypes.CDLL("libXtst.so.6")
    x11.XOpenDisplay.restype = ctypes.c_void_p
    x11.XOpenDisplay.argtypes = [ctypes.c_char_p]
    x11.XSync.argtypes = [ctypes.c_void_p, ctypes.c_int]
    x11.XCloseDisplay.argtypes = [ctypes.c_void_p]
    xtst.XTestFakeMotionEvent.argtypes = [ctypes.c_void_p, ctypes.c_int, ctypes.c_int, ctypes.c_int,
                                          ctypes.c_ulong]
    xtst.XTestFakeButtonEvent.argtypes = [ctypes.c_void_p, ctypes.c_uint, ctypes.c_int, ctypes.c_ulong]
    display = x11.XOpenDisplay(None)
    if not display:
        print("xtest_tapper: cannot open the X display (is DISPLAY set?)", file=sys.stderr)
        return 1
    for line in sys.stdin:
        words = line.split()
        if not words:
            continue
        if words[0] == "quit":
            break
        if words[0] == "tap" and len(words) == 3:
            x, y = int(words[1]), int(words[2])
            xtst.XTestFakeMotionEvent(display, -1, x, y, 0)  # -1: the pointer's screen
            xtst.XTestFakeButtonEvent(display, 1, 1, 0)
            xtst.XTestFakeButtonEvent(display, 1, 0, 0)
            x11.XSync(display, 0)
            print("ok", flush=True)
        else:
            print(f"xtest_tapper: cannot read '{line.strip()}'", file=sys.stderr)
            print("error", flush=True)
    x11.XCloseDisplay(display)
    return 0


if __name__ == "__main__":
    sys.exit(main())
