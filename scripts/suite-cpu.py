#!/usr/bin/env python3
"""Where a command's CPU goes, by kind of process (Linux only).

Runs the command (by default the README's test command on a built tree), samples /proc/<pid>/stat of every process
every 100 ms while it runs, and prints the CPU each kind of process used, with the wall clock. A process that starts
and ends between two samples is missed, so the total is a lower bound; /usr/bin/time would miss more (it only counts
the children each parent waited for: Chromium, for one, is not).

    python3 scripts/suite-cpu.py                      # dotnet test Softphone.sln --no-build
    python3 scripts/suite-cpu.py -- dotnet test tests/Gateway.Tests --no-build
"""
import argparse, collections, os, subprocess, sys, time

TICK = os.sysconf("SC_CLK_TCK")


def kind(comm, cmd):
    """A short name for the kind of process, so the figures add up by role rather than by pid."""
    if "runtimeconfig" in cmd and "Tests" in cmd:
        project = cmd.split("--runtimeconfig", 1)[1].split()[0].rsplit("/", 1)[-1].replace(".runtimeconfig.json", "")
        return f"test host: {project}"
    if "vstest.console" in cmd:
        return "vstest.console"
    if "Softphone.Gateway.dll" in cmd:
        return "gateway processes (backup command included)"
    if "Softphone.MacNodeAgent.dll" in cmd:
        return "agent processes"
    if comm.startswith("chrom") or "chromium" in cmd:
        return "Chromium"
    if "playwright" in cmd.lower() or comm == "node":
        return "Playwright's driver"
    if cmd.startswith("dotnet test") or "MSBuild.dll" in cmd or "dotnet.dll" in cmd:
        return "dotnet CLI / MSBuild"
    return None


def snapshot():
    seen = {}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            with open(f"/proc/{pid}/cmdline", "rb") as f:
                cmd = f.read().replace(b"\0", b" ").decode(errors="replace").strip()
            with open(f"/proc/{pid}/comm") as f:
                comm = f.read().strip()
            with open(f"/proc/{pid}/stat") as f:
                fields = f.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        seen[pid] = (comm, cmd, (int(fields[11]) + int(fields[12])) / TICK)
    return seen


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                     usage="%(prog)s [--interval SECONDS] [-- COMMAND ...]")
    parser.add_argument("--interval", type=float, default=0.1, help="seconds between samples (default 0.1)")
    parser.add_argument("command", nargs="*", help="the command to run (default: dotnet test Softphone.sln --no-build)")
    args = parser.parse_args()
    if args.interval <= 0:
        parser.error("--interval must be above 0")
    if not os.path.isdir("/proc/self"):
        parser.error("needs Linux's /proc")
    command = args.command or ["dotnet", "test", "Softphone.sln", "--no-build"]

    before = snapshot()
    started = time.monotonic()
    try:
        child = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    except OSError as error:
        parser.error(f"cannot run {command[0]}: {error}")
    last = {}
    while child.poll() is None:
        for pid, seen in snapshot().items():
            # A process that has exited but is not yet reaped shows an empty command line: keep what it was.
            if seen[1] or pid not in last:
                last[pid] = seen
            else:
                last[pid] = (last[pid][0], last[pid][1], max(last[pid][2], seen[2]))
        time.sleep(args.interval)
    wall = time.monotonic() - started

    totals = collections.Counter()
    for pid, (comm, cmd, cpu) in last.items():
        name = kind(comm, cmd)
        if name is None:
            continue
        earlier = before.get(pid)
        used = cpu - (earlier[2] if earlier and earlier[1] == cmd else 0)
        if used > 0:
            totals[name] += used
    print(f"{' '.join(command)}: exit {child.returncode}, wall {wall:.1f} s, CPU {sum(totals.values()):.1f} s")
    for name, used in totals.most_common():
        print(f"  {used:6.1f} s  {name}")
    return child.returncode


if __name__ == "__main__":
    sys.exit(main())
