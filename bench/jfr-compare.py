#!/usr/bin/env python3
"""Where does one run spend event-loop CPU that another does not? Compares two JFR recordings made by
`BENCH_JFR=1 make bench-overhead` (in .run/bench/logs/), counting only samples on Vert.x event-loop
threads, where requests are handled.

  bench/jfr-compare.py .run/bench/logs/booking-zingmonitor-r1.jfr .run/bench/logs/booking-disabled-r1.jfr \
      --cpu 181 141

--cpu gives each run's event-loop CPU per request in µs (the report's "… of which event-loop threads"),
which turns shares of samples into µs per request. Prints self time by package (first non-JDK frame)
and inclusive time of ZingMonitor's and logging's entry points.
"""
import argparse
import collections
import json
import os
import subprocess

INCLUSIVE = [
    "io.zingmonitor.runtime.http.RequestLog",
    "io.zingmonitor.runtime.context.ClientIdentity",
    "io.zingmonitor.runtime.http.PublicApiFilter",
    "io.zingmonitor.runtime.ratelimit",
    "io.zingmonitor.runtime.telemetry",
    "io.zingmonitor.runtime.logging",
    "io.zingmonitor.runtime.redaction",
    "io.zingmonitor.runtime.metrics",
    "io.zingmonitor.runtime.problem",
    "org.jboss.logmanager",
    "io.opentelemetry",
    "io.micrometer",
]


def samples(recording):
    jfr = os.path.join(os.environ.get("JAVA_HOME", "/usr"), "bin", "jfr")
    out = subprocess.run([jfr, "print", "--json", "--stack-depth", "64", "--events", "jdk.ExecutionSample", recording],
                         check=True, capture_output=True, text=True).stdout
    for event in json.loads(out)["recording"]["events"]:
        thread = (event["values"].get("sampledThread") or {}).get("javaName") or ""
        if not thread.startswith("vert.x-eventloop"):
            continue
        trace = event["values"]["stackTrace"]
        yield [f["method"]["type"]["name"].replace("/", ".") + "." + f["method"]["name"]
               for f in (trace["frames"] if trace else [])]


def profile(recording):
    own, inclusive, total = collections.Counter(), collections.Counter(), 0
    for frames in samples(recording):
        total += 1
        first = next((f for f in frames if not f.startswith(("java.", "jdk.", "sun.", "com.sun."))), None)
        own[".".join(first.split(".")[:3]) if first else "(JDK only)"] += 1
        for prefix in INCLUSIVE:
            if any(f.startswith(prefix) for f in frames):
                inclusive[prefix] += 1
    return total, own, inclusive


def main():
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("a")
    parser.add_argument("b")
    parser.add_argument("--cpu", nargs=2, type=float, metavar=("A_US", "B_US"),
                        help="event-loop CPU per request of each run, in µs")
    args = parser.parse_args()
    runs = [profile(args.a), profile(args.b)]
    scale = args.cpu or [100.0, 100.0]  # without --cpu: percent of event-loop samples
    unit = "µs/req" if args.cpu else "% of samples"

    def value(run, i, counter, key):
        return scale[i] * counter[key] / run[0] if run[0] else 0.0

    print(f"event-loop samples: A {runs[0][0]}, B {runs[1][0]}   (A = {args.a}, B = {args.b})\n")
    print(f"Self time by package ({unit}), largest A - B first")
    keys = set(runs[0][1]) | set(runs[1][1])
    rows = sorted(((k, value(runs[0], 0, runs[0][1], k), value(runs[1], 1, runs[1][1], k)) for k in keys),
                  key=lambda r: r[2] - r[1])
    for key, a, b in rows[:20]:
        print(f"  {key:42s} {a:8.1f} {b:8.1f} {a - b:+8.1f}")
    print(f"\nInclusive time ({unit})")
    for key in INCLUSIVE:
        print(f"  {key:55s} {value(runs[0], 0, runs[0][2], key):8.1f} {value(runs[1], 1, runs[1][2], key):8.1f}")


if __name__ == "__main__":
    main()
