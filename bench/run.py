#!/usr/bin/env python3
"""Whole-process benchmark: wall time and peak memory of ./composefix runs, cold process each time.

usage: bench/run.py [--runs N] [--smoke] [--dclint PATH] [--corpus DIR] [--only NAME,...]

Scenarios (all with every default rule, --dry-run, output thrown away):
  one      one real compose file from the corpus                 (beside `dclint FILE`)
  corpus   the whole corpus directory, files in parallel          (beside `dclint -r DIR`)
  lines-N  synthetic files of 5,000 / 20,000 / 50,000 lines made by bench/gen_compose.py
Each command is run N times (after one unmeasured warm-up). With a peer, composefix and the peer run
in turn (A B A B ...) and the ratio is taken pair by pair, so a machine that slows down in the middle
moves both. Figures are medians with min-max. Peak memory is the child's maximum resident set size
(what /usr/bin/time -v reports). Nothing is asserted: the figures are for people to read; --smoke
is a short run for CI (3 runs, small files, no peer).
"""
import argparse
import os
import statistics
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
LAUNCHER = os.path.join(ROOT, "composefix")
ONE_FILE = "Haxxnet+Compose-Examples/examples/rybbit/docker-compose.yml"


def run_once(cmd):
    """Wall seconds and peak RSS in MiB of one run of cmd (output discarded)."""
    with open(os.devnull, "wb") as null:
        t0 = time.monotonic()
        p = subprocess.Popen(cmd, stdout=null, stderr=null, stdin=subprocess.DEVNULL)
        _, status, usage = os.wait4(p.pid, 0)
        wall = time.monotonic() - t0
    p.returncode = os.waitstatus_to_exitcode(status)
    return wall, usage.ru_maxrss / 1024.0, usage.ru_utime + usage.ru_stime


def fmt(values, unit="s", digits=3):
    return f"{statistics.median(values):.{digits}f} {unit} ({min(values):.{digits}f}-{max(values):.{digits}f})"


def bench(name, cmd, peer, runs, lines=None):
    run_once(cmd)
    if peer:
        run_once(peer)
    a, b, ratios, mem, cpu = [], [], [], [], []
    for _ in range(runs):
        wa, ma, ca = run_once(cmd)
        a.append(wa)
        mem.append(ma)
        cpu.append(ca)
        if peer:
            wb, _, _ = run_once(peer)
            b.append(wb)
            ratios.append(wa / wb)
    row = f"{name:10} composefix wall {fmt(a)}  cpu {fmt(cpu)}  peak {fmt(mem, 'MiB', 0)}"
    if lines:
        row += f"  {statistics.median(a) / lines * 1e6:.1f} us/line"
    print(row)
    if peer:
        print(f"{'':10} peer       wall {fmt(b)}  composefix/peer {fmt(ratios, 'x')}")
    sys.stdout.flush()


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--runs", type=int, default=11)
    ap.add_argument("--smoke", action="store_true")
    ap.add_argument("--dclint", default=os.environ.get("DCLINT"), help="dclint executable (the peer), optional")
    ap.add_argument("--corpus", default=os.path.join(ROOT, "..", "shared", "corpus"))
    ap.add_argument("--only", default="", help="comma-separated scenario names")
    args = ap.parse_args()
    runs = 3 if args.smoke else args.runs
    sizes = [2000, 5000] if args.smoke else [5000, 20000, 50000]
    peer = None if args.smoke else args.dclint
    only = set(filter(None, args.only.split(",")))
    want = lambda n: not only or n in only or (n.startswith("lines-") and "lines" in only)

    subprocess.run([LAUNCHER, "--version"], check=True, stdout=subprocess.DEVNULL)  # build jar and archive
    work = os.path.join(ROOT, "target", "bench")
    os.makedirs(work, exist_ok=True)
    one = os.path.join(args.corpus, ONE_FILE)
    print(f"{runs} runs each; median (min-max)")
    if want("one") and os.path.exists(one):
        bench("one", [LAUNCHER, "--dry-run", one], peer and [peer, one], runs)
    if want("corpus") and os.path.isdir(args.corpus):
        bench("corpus", [LAUNCHER, "--dry-run", args.corpus], peer and [peer, "-r", args.corpus], runs)
    for n in sizes:
        if not want(f"lines-{n}"):
            continue
        path = os.path.join(work, f"compose-{n}.yaml")
        if not os.path.exists(path):
            with open(path, "w") as f:
                subprocess.run([sys.executable, os.path.join(HERE, "gen_compose.py"), str(n)], stdout=f, check=True)
        bench(f"lines-{n}", [LAUNCHER, "--dry-run", path], None, runs, lines=n)


if __name__ == "__main__":
    main()
