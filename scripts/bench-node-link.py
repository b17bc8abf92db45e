#!/usr/bin/env python3
"""Press -> dial acknowledged over the node link: the tunnel against a direct link, on loopback.

Runs the real, built Gateway and MacNodeAgent (Release) as processes with throw-away data folders and the
agent's dialer in dry-run mode, once per link kind and round (alternating direct, tunnel, direct, ...).
Each run warms up (5000 presses by default: with 1000 the p99 still carried the JIT's background recompiles), then measures POST /api/calls answered "iphone"/"dialed" (the signed dial went to the
agent and its signed answer came back, and the press was stored) at 1 press at a time and at 16 presses
at once, each client on its own keep-alive connection. Prints p50 and p99 per link and concurrency, and
the median of the rounds. With --node-down a third kind runs with no agent at all: every press takes the
Twilio route (node-down, simulated Twilio) -- the press path without the node link.

Usage: python3 scripts/bench-node-link.py [--rounds N] [--presses N] [--warmup N] [--node-down] [--gateway-port P]
       (build first: dotnet build -c Release Softphone.sln)
"""
import argparse, http.client, json, os, socket, statistics, subprocess, sys, tempfile, threading, time, shutil

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
KEY = "dev-boss-key"


def free_port():
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Client:
    def __init__(self, port):
        self.conn = http.client.HTTPConnection("127.0.0.1", port, timeout=30)

    def call(self, method, path, body=None):
        headers = {"Authorization": f"Bearer {KEY}", "Content-Type": "application/json"}
        self.conn.request(method, path, None if body is None else json.dumps(body), headers)
        response = self.conn.getresponse()
        return response.status, json.loads(response.read() or b"null")


def percentile(values, p):
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(p / 100 * (len(ordered) - 1))))]


def run(link, presses, warmup, port):
    work = tempfile.mkdtemp(prefix=f"softphone-bench-{link}-")
    node_port = free_port()
    env = dict(os.environ, DOTNET_ENVIRONMENT="Development", ASPNETCORE_ENVIRONMENT="Development",
               Gateway__Urls=f"http://127.0.0.1:{port}", Storage__Path=os.path.join(work, "gateway.db"),
               MacNodeAgent__Link="tunnel" if link == "down" else link, MacNodeAgent__Urls=f"http://127.0.0.1:{node_port}",
               MacNodeAgent__GatewayUrl=f"http://127.0.0.1:{port}",
               MacNodeAgent__StateDirectory=os.path.join(work, "agent"), MacNodeAgent__Dialer__Mode="dry-run",
               Serilog__MinimumLevel__Default="Warning", RateLimits__ApiPerMinute="1000000",
               Compliance__CallingHours__Start="00:00:00", Compliance__CallingHours__End="1.00:00:00")
    # Node ids contain '-': set through the environment as the process sees it.
    env["Tenants__demo__Nodes__boss-mac__Link"] = "tunnel" if link == "down" else link
    env["Tenants__demo__Nodes__boss-mac__Url"] = f"http://127.0.0.1:{node_port}"
    log = open(os.path.join(work, "hosts.log"), "w")
    gateway = subprocess.Popen(["dotnet", os.path.join(ROOT, "Gateway/bin/Release/net10.0/Softphone.Gateway.dll")], env=env, cwd=work, stdout=log, stderr=log)
    # "down": no agent at all, so every press takes the Twilio route (node-down, simulated Twilio).
    agent = None if link == "down" else subprocess.Popen(["dotnet", os.path.join(ROOT, "MacNodeAgent/bin/Release/net10.0/Softphone.MacNodeAgent.dll")], env=env, cwd=work, stdout=log, stderr=log)
    expected = "node-down" if link == "down" else "dialed"
    wanted = ("down", "unknown") if link == "down" else ("up",)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                status, nodes = Client(port).call("GET", "/api/nodes")
                if status == 200 and nodes and nodes[0]["state"] in wanted:
                    break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise SystemExit(f"{link}: the node never became {' or '.join(wanted)} (see {work}/hosts.log)")
            time.sleep(0.05)

        counter = iter(range(10**9))
        lock = threading.Lock()

        def press(client):
            with lock:
                n = next(counter)
            start = time.perf_counter()
            status, call = client.call("POST", "/api/calls", {"leadId": f"bench-{n % 50}", "to": f"+1312{5550000 + n % 9000000:07d}"[:12]})
            elapsed = time.perf_counter() - start
            if status != 201 or call.get("reason") != expected:
                raise SystemExit(f"{link}: press answered {status} {call}")
            return elapsed

        warm = Client(port)
        for _ in range(warmup):
            press(warm)
        sequential = [press(warm) for _ in range(presses)]

        concurrent, threads = [], []
        def worker():
            client = Client(port)
            mine = [press(client) for _ in range(max(1, presses // 16) * 2)]
            with lock:
                concurrent.extend(mine)
        for _ in range(16):
            threads.append(threading.Thread(target=worker))
        for t in threads:
            t.start()
        for t in threads:
            t.join()
        return sequential, concurrent
    finally:
        for process in (agent, gateway):
            if process is not None:
                process.kill(); process.wait()
        log.close()
        shutil.rmtree(work, ignore_errors=True)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="rounds per link kind (alternating)")
    parser.add_argument("--presses", type=int, default=300, help="sequential presses per run (16 clients press 2*N/16 each)")
    parser.add_argument("--warmup", type=int, default=5000, help="presses before measuring (lets the JIT settle: tiered compilation keeps recompiling hot code for the first few thousand presses)")
    parser.add_argument("--node-down", action="store_true", help="also measure presses with no agent running (Twilio route, node-down)")
    parser.add_argument("--gateway-port", type=int, default=0, help="gateway port (default: a free one)")
    args = parser.parse_args()
    if args.rounds < 1 or args.presses < 16:
        parser.error("--rounds must be >= 1 and --presses >= 16")
    links = ("direct", "tunnel", "down") if args.node_down else ("direct", "tunnel")
    results = {(link, c): [] for link in links for c in (1, 16)}
    for r in range(args.rounds):
        for link in links:
            sequential, concurrent = run(link, args.presses, args.warmup, args.gateway_port or free_port())
            for c, values in ((1, sequential), (16, concurrent)):
                ms = [v * 1000 for v in values]
                results[(link, c)].append((percentile(ms, 50), percentile(ms, 99)))
                print(f"round {r + 1} {link:6} concurrency {c:2}: p50 {percentile(ms, 50):6.2f} ms  p99 {percentile(ms, 99):6.2f} ms  ({len(ms)} presses)", flush=True)
    print("\nmedian of rounds:")
    for (link, c), rounds in results.items():
        print(f"  {link:6} concurrency {c:2}: p50 {statistics.median(p for p, _ in rounds):6.2f} ms  p99 {statistics.median(q for _, q in rounds):6.2f} ms")


if __name__ == "__main__":
    main()
