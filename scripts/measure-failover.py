#!/usr/bin/env python3
"""Measures how fast the gateway routes around a Mac node agent and uses it again.

Runs the real, built Gateway and MacNodeAgent (Release) with the embedded defaults from
appsettings.json (so the node link is the tunnel: the agent dials out and listens on no port), on free
loopback ports with throw-away data folders, the agent's dialer in dry-run mode. For each round it:
  kill -9   the agent   -> time until GET /api/nodes says "down"; a press right after the kill
                           (route, latency)
  restart   the agent   -> time from process start until "up"; a press then (must be iphone)
  SIGSTOP   the agent   -> a hung agent (its tunnels stay open but stop answering): time until "down",
                           and a press during the hang (route, latency)
  SIGCONT   the agent   -> time until "up" again

Usage: python3 scripts/measure-failover.py [--rounds N] [--gateway-port P] [--node-port P] [--keep]
       (build first: dotnet build -c Release Softphone.sln)
"""
import argparse, json, os, shutil, signal, socket, statistics, subprocess, sys, tempfile, threading, time, urllib.request

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEY = "dev-boss-key"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def http(method, url, body=None):
    data = None if body is None else json.dumps(body).encode()
    req = urllib.request.Request(url, data=data, method=method, headers={"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"})
    try:
        with urllib.request.urlopen(req, timeout=30) as r:
            return r.status, json.loads(r.read() or b"null")
    except urllib.error.HTTPError as e:
        return e.code, json.loads(e.read() or b"null")


def wait_state(gateway, state, limit=30.0):
    start = time.monotonic()
    while time.monotonic() - start < limit:
        try:
            _, nodes = http("GET", f"{gateway}/api/nodes")
            if isinstance(nodes, list) and nodes and nodes[0]["state"] == state:
                return time.monotonic()
        except OSError:
            pass
        time.sleep(0.02)
    raise SystemExit(f"node never became {state}")


def press(gateway, n):
    start = time.monotonic()
    status, call = http("POST", f"{gateway}/api/calls", {"leadId": f"bench-{n}", "to": f"+1312555{1000 + n}"})
    return status, call.get("route"), call.get("reason"), call.get("status"), time.monotonic() - start


def background_press(gateway, n, into):
    def run():
        _, route, reason, call_status, latency = press(gateway, n)
        into.append((route, f"{reason}/{call_status}", latency))
    thread = threading.Thread(target=run)
    thread.start()
    return thread


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5, help="kill/restart/hang/resume rounds (default 5)")
    parser.add_argument("--gateway-port", type=int, default=0, help="gateway port (default: a free one)")
    parser.add_argument("--node-port", type=int, default=0, help="agent port for a direct link (default: a free one; the tunnel needs none)")
    parser.add_argument("--keep", action="store_true", help="keep the data folder and hosts.log instead of deleting them")
    args = parser.parse_args()
    if args.rounds < 1:
        parser.error("--rounds must be at least 1")
    rounds = args.rounds
    work = tempfile.mkdtemp(prefix="softphone-bench-")
    gw_port, node_port = args.gateway_port or free_port(), args.node_port or free_port()
    gateway = f"http://127.0.0.1:{gw_port}"
    env = dict(os.environ, DOTNET_ENVIRONMENT="Development", ASPNETCORE_ENVIRONMENT="Development",
               Gateway__Urls=gateway, Storage__Path=os.path.join(work, "gateway.db"),
               Tenants__demo__Nodes__boss_mac__Url=f"http://127.0.0.1:{node_port}",
               MacNodeAgent__Urls=f"http://127.0.0.1:{node_port}", MacNodeAgent__GatewayUrl=gateway,
               MacNodeAgent__StateDirectory=os.path.join(work, "agent"), MacNodeAgent__Dialer__Mode="dry-run",
               Serilog__MinimumLevel__Default="Warning",
               # The script polls GET /api/nodes every 20 ms: far above the per-key rate limit meant for agents.
               RateLimits__ApiPerMinute="1000000",
               # The presses measure routing, not calling hours: open the window whatever the hour in Chicago.
               Compliance__CallingHours__Start="00:00:00", Compliance__CallingHours__End="1.00:00:00")
    # Configuration keys cannot contain '-' in environment variable names on every shell; the node id does.
    env["Tenants__demo__Nodes__boss-mac__Url"] = env.pop("Tenants__demo__Nodes__boss_mac__Url")
    bin_gw = os.path.join(ROOT, "Gateway/bin/Release/net10.0/Softphone.Gateway.dll")
    bin_agent = os.path.join(ROOT, "MacNodeAgent/bin/Release/net10.0/Softphone.MacNodeAgent.dll")
    log = open(os.path.join(work, "hosts.log"), "w")
    gw = subprocess.Popen(["dotnet", bin_gw], env=env, cwd=work, stdout=log, stderr=log)

    def start_agent():
        return subprocess.Popen(["dotnet", bin_agent], env=env, cwd=work, stdout=log, stderr=log)

    agent = start_agent()
    results = {k: [] for k in ["kill_down", "kill_press", "restart_up", "stop_down", "stop_press", "cont_up"]}
    try:
        wait_state(gateway, "up")
        n = 0
        for _ in range(rounds):
            time.sleep(2)
            t0 = time.monotonic(); agent.send_signal(signal.SIGKILL); agent.wait()
            n += 1; pressing = background_press(gateway, n, results["kill_press"])
            results["kill_down"].append(wait_state(gateway, "down") - t0)
            pressing.join()

            t0 = time.monotonic(); agent = start_agent()
            results["restart_up"].append(wait_state(gateway, "up") - t0)
            n += 1; status, route, reason, _, latency = press(gateway, n)
            assert route == "iphone", (route, reason)

            time.sleep(2)
            t0 = time.monotonic(); agent.send_signal(signal.SIGSTOP)
            n += 1; pressing = background_press(gateway, n, results["stop_press"])
            results["stop_down"].append(wait_state(gateway, "down") - t0)
            pressing.join()
            t0 = time.monotonic(); agent.send_signal(signal.SIGCONT)
            results["cont_up"].append(wait_state(gateway, "up") - t0)
    finally:
        for p in (agent, gw):
            try:
                p.send_signal(signal.SIGCONT); p.terminate(); p.wait(10)
            except Exception:
                p.kill()
        log.close()
        if args.keep:
            print(f"kept {work}")
        else:
            shutil.rmtree(work, ignore_errors=True)

    def row(name, values):
        return f"| {name} | {min(values):.2f} | {statistics.median(values):.2f} | {max(values):.2f} |"

    print(f"rounds: {rounds}")
    print("| measurement (seconds) | min | median | max |")
    print("|---|---|---|---|")
    print(row("agent killed (kill -9) -> node down", results["kill_down"]))
    print(row("press right after kill -> answered", [x[2] for x in results["kill_press"]]))
    print(row("agent restarted (new process) -> node up", results["restart_up"]))
    print(row("agent hung (SIGSTOP) -> node down", results["stop_down"]))
    print(row("press right after hang -> answered", [x[2] for x in results["stop_press"]]))
    print(row("hung agent resumed (SIGCONT) -> node up", results["cont_up"]))
    print("presses after kill:", sorted({f"{r}:{why}" for r, why, _ in results["kill_press"]}))
    print("presses after hang:", sorted({f"{r}:{why}" for r, why, _ in results["stop_press"]}))


if __name__ == "__main__":
    main()
