#!/usr/bin/env python3
"""frame_times_report.py OUT_DIR: the report of tests/benchmarks/frame-times, as Markdown.

Reads what the driver left in OUT_DIR: per run of the frames scenario,
frames-N/frames.txt (the kiosk's AMANAT_FRAME_TIMES file: "START_UNIX_US
DURATION_US RECEIVE_US BUILD_US PAINT_US PRESENT_US" per frame), frames-N/events.txt (the driver's windows, taps and
memory readings, on the same wall clock) and frames-N/kiosk.log (the kiosk's exit
summary: texture memory); startup.txt; latency/.

Frame times: the frames that began inside a scenario's window, nearest-rank
percentiles. Medians are over the runs. The frames over the 8 ms target are
then taken apart by stage (kiosk/app/frame_times.hpp): where their time went.

Latency, on the kiosk's own clock. The driver lets the kiosk go idle (it draws
nothing while nothing changes), then taps (a press and a release through
xtest_tapper.py). The tap's moment is the start of the first frame that began
after the driver's clock reading just before the tap: the kiosk was blocked in SDL_WaitEvent and
woke for the press (what it does not see: the X server's delivery and the wake-up,
well under a millisecond on an idle machine). "Language switched" is the end of
the frame after which the kiosk logged "showing ... language=xx" (it logs that
line after presenting the frame): the last frame that ended before the driver
read the line. "First video frame" is the end of the frame during which the kiosk
logged "first frame of ..." (it takes the film's first frame in that frame, then
uploads, draws and presents it): the last frame that began before the driver read
the line. Both ends are exact to the microsecond on the kiosk's clock; the
uncertainty is which frame, should the driver read a line later than the next
frame: the report gives the frame count from the tap and the driver's own
bound (log line read minus the clock before the tap) to check.
"""
import glob
import json
import math
import os
import re
import statistics
import sys

BUSY_OTHERS = 25.0  # % of one core used by others above which a window is flagged
TARGET_MS = 8.0  # issue 10's frame time target (p99)
STAGES = ("receive", "build", "paint", "present")


def quantile(values, q):
    """Nearest rank, as the kiosk's own summary."""
    if not values:
        return 0.0
    ordered = sorted(values)
    rank = min(len(ordered), max(1, math.ceil(q * len(ordered))))
    return ordered[rank - 1]


def read_frames(path):
    frames = []
    with open(path) as f:
        for line in f:
            parts = line.split()
            if len(parts) >= 2:
                start, duration = int(parts[0]), int(parts[1])
                stages = tuple(int(v) / 1000.0 for v in parts[2:2 + len(STAGES)])
                frames.append((start, start + duration, stages))
    frames.sort()
    return frames


def read_events(path):
    events = {"window": [], "rss": {}, "tap": [], "visited": None}
    if not os.path.exists(path):
        return events
    with open(path) as f:
        for line in f:
            parts = line.split()
            if not parts:
                continue
            if parts[0] == "window":
                events["window"].append(
                    {"name": parts[1], "start": int(parts[2]), "end": int(parts[3]),
                     "others": float(parts[4]), "load": float(parts[5])})
            elif parts[0] == "rss":
                events["rss"][parts[1]] = (int(parts[2]), int(parts[3]))
            elif parts[0] == "tap":
                events["tap"].append({"name": parts[1], "t0": int(parts[2]), "t1": int(parts[3]),
                                      "log": int(parts[4])})
            elif parts[0] == "visited":
                events["visited"] = int(parts[1])
    return events


def exit_summary(log):
    if not os.path.exists(log):
        return None
    with open(log, errors="replace") as f:
        for line in f:
            if line.startswith("amanat-kiosk: frame times: "):
                return json.loads(line[len("amanat-kiosk: frame times: "):])
    return None


def stats(frames, window):
    inside = [f for f in frames if window["start"] <= f[0] <= window["end"]]
    durations = [(end - start) / 1000.0 for start, end, _ in inside]
    slow = [stages for start, end, stages in inside
            if (end - start) / 1000.0 > TARGET_MS and len(stages) == len(STAGES)]
    return {"count": len(durations), "p50": quantile(durations, 0.50), "p90": quantile(durations, 0.90),
            "p99": quantile(durations, 0.99), "max": max(durations) if durations else 0.0,
            "slow": slow}


def median(values):
    values = [v for v in values if v is not None]
    return statistics.median(values) if values else None


def fmt(v, digits=1):
    return "—" if v is None else f"{v:.{digits}f}"


def report_frames(out):
    runs = sorted(glob.glob(os.path.join(out, "frames-*")), key=lambda p: int(p.rsplit("-", 1)[1]))
    if not runs:
        return
    print("## Frame times, 1920x1080, 500 artifacts x 6 languages (ms, from the end of the wait to presented)\n")
    print("| run | scenario | frames | p50 | p90 | p99 | max | others' CPU (% of a core) | load (1 min) |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---:|")
    per_scenario = {}
    memory = []
    for run in runs:
        frames = read_frames(os.path.join(run, "frames.txt")) if os.path.exists(
            os.path.join(run, "frames.txt")) else []
        events = read_events(os.path.join(run, "events.txt"))
        name = os.path.basename(run)
        for window in events["window"]:
            s = stats(frames, window)
            busy = " (busy)" if window["others"] > BUSY_OTHERS else ""
            print(f"| {name} | {window['name']} | {s['count']} | {s['p50']:.2f} | {s['p90']:.2f} | "
                  f"{s['p99']:.2f} | {s['max']:.2f} | {window['others']:.1f}{busy} | {window['load']:.2f} |")
            per_scenario.setdefault(window["name"], []).append(s)
        summary = exit_summary(os.path.join(run, "kiosk.log"))
        memory.append((name, summary, events["rss"], events["visited"]))
    print("\nMedians over the runs:\n")
    print("| scenario | runs | frames | p50 | p90 | p99 | max |")
    print("|---|---:|---:|---:|---:|---:|---:|")
    for scenario, values in per_scenario.items():
        print(f"| {scenario} | {len(values)} | {median([v['count'] for v in values]):.0f} | "
              f"{median([v['p50'] for v in values]):.2f} | {median([v['p90'] for v in values]):.2f} | "
              f"{median([v['p99'] for v in values]):.2f} | {median([v['max'] for v in values]):.2f} |")
    print(f"\nThe frames over {TARGET_MS:.0f} ms, all runs: the mean and the largest of each stage (ms)\n")
    print("| scenario | slow frames | " + " | ".join(STAGES) + " |")
    print("|---|---:|" + "---:|" * len(STAGES))
    for scenario, values in per_scenario.items():
        slow = [stages for v in values for stages in v["slow"]]
        if not slow:
            continue
        cells = [f"{statistics.mean(s[i] for s in slow):.1f} / {max(s[i] for s in slow):.1f}"
                 for i in range(len(STAGES))]
        print(f"| {scenario} | {len(slow)} | " + " | ".join(cells) + " |")
    print("\n## Memory (MiB)\n")
    print("| run | artifacts visited | textures at exit | textures, peak | budget | RSS after scroll | "
          "RSS after open | RSS after visiting all | peak RSS (VmHWM) |")
    print("|---|---:|---:|---:|---:|---:|---:|---:|---:|")
    for name, summary, rss, visited in memory:
        def rss_of(key, index=0):
            return fmt(rss[key][index] / 1024.0) if key in rss else "—"
        s = summary or {}
        print(f"| {name} | {visited if visited is not None else '—'} | {fmt(s.get('texture_mib'))} | "
              f"{fmt(s.get('texture_peak_mib'))} | {fmt(s.get('texture_budget_mib'))} | "
              f"{rss_of('after-scroll')} | {rss_of('after-open')} | {rss_of('after-visit-all')} | "
              f"{rss_of('after-visit-all', 1)} |")
    print()


def report_startup(out):
    path = os.path.join(out, "startup.txt")
    if not os.path.exists(path):
        return
    rows = {}
    pattern = re.compile(r"first frame shown after (\d+) ms \(window (\d+) ms, [^,]*, fonts (\d+) ms")
    with open(path) as f:
        for line in f:
            parts = line.split(maxsplit=6)
            if len(parts) < 7 or parts[0] != "startup":
                continue
            which, run, script_us, load, others = parts[1], int(parts[2]), int(parts[3]), float(parts[4]), \
                int(parts[5])
            m = pattern.search(parts[6])
            if not m or run == 0:
                continue  # run 0 warmed the file cache
            rows.setdefault(which, []).append(
                (int(m.group(1)), int(m.group(2)), int(m.group(3)), script_us / 1000.0, load, others))
    print("## Start-up to the first attract frame (ms)\n")
    print("| exhibition | runs | kiosk's log: first frame (median) | bundle + window | fonts | "
          "launch to the line read (driver) | each run (kiosk's log) | others' CPU (% of a core) | "
          "load (1 min) at each launch |")
    print("|---|---:|---:|---:|---:|---:|---|---|---|")
    for which, values in rows.items():
        print(f"| {which} | {len(values)} | {median([v[0] for v in values]):.0f} | "
              f"{median([v[1] for v in values]):.0f} | {median([v[2] for v in values]):.0f} | "
              f"{median([v[3] for v in values]):.0f} | {', '.join(str(v[0]) for v in values)} | "
              f"{', '.join(str(v[5]) for v in values)} | {', '.join(f'{v[4]:.2f}' for v in values)} |")
    print()


def report_latency(out):
    folder = os.path.join(out, "latency")
    if not os.path.exists(os.path.join(folder, "frames.txt")):
        return
    frames = read_frames(os.path.join(folder, "frames.txt"))
    events = read_events(os.path.join(folder, "events.txt"))
    starts = [f[0] for f in frames]
    logged = []
    with open(os.path.join(folder, "kiosk.log"), errors="replace") as f:
        logged = [int(m.group(1)) for m in re.finditer(r"first frame of .* after (\d+) ms", f.read())]
    print("## Tap to screen, on the kiosk's clock (ms)\n")
    print("| tap | tap to done (kiosk's frames) | frames from the tap | driver's bound "
          "(line read - before the tap) | kiosk's log |")
    print("|---|---:|---:|---:|---:|")
    by_kind = {}
    film_index = 0
    for tap in events["tap"]:
        tap_frame = next((i for i, s in enumerate(starts) if s >= tap["t0"]), None)
        if tap_frame is None:
            continue
        if tap["name"] == "film":
            done = max((i for i, s in enumerate(starts) if s <= tap["log"]), default=None)
            kind = "film"
            note = f"open to first frame {logged[film_index]} ms" if film_index < len(logged) else ""
            film_index += 1
        else:
            done = max((i for i, f in enumerate(frames) if f[1] <= tap["log"]), default=None)
            kind = "language"
            note = ""
        if done is None or done < tap_frame:
            continue
        latency = (frames[done][1] - frames[tap_frame][0]) / 1000.0
        bound = (tap["log"] - tap["t0"]) / 1000.0
        by_kind.setdefault(kind, []).append((latency, bound))
        print(f"| {tap['name']} | {latency:.1f} | {done - tap_frame + 1} | {bound:.1f} | {note} |")
    print("\n| tap | count | median | max | driver's bound, median |")
    print("|---|---:|---:|---:|---:|")
    for kind, values in by_kind.items():
        print(f"| {kind} | {len(values)} | {median([v[0] for v in values]):.1f} | "
              f"{max(v[0] for v in values):.1f} | {median([v[1] for v in values]):.1f} |")
    for window in events["window"]:
        busy = " (busy)" if window["others"] > BUSY_OTHERS else ""
        print(f"\nOthers' CPU during the latency run: {window['others']:.1f} % of a core{busy}, "
              f"load {window['load']:.2f}.")
    print()


def main():
    if len(sys.argv) != 2:
        print(__doc__.splitlines()[0], file=sys.stderr)
        return 2
    out = sys.argv[1]
    report_frames(out)
    report_startup(out)
    report_latency(out)
    return 0


if __name__ == "__main__":
    sys.exit(main())
