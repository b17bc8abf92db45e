using System.Diagnostics;
using System.Net.Sockets;
using System.Text;
using Softphone.Gateway.Tests.Support;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Hosting;

/// <summary>
/// The real gateway process speaks systemd's notify protocol to a datagram socket, as systemd would hold it for a
/// <c>Type=notify</c> unit with <c>WatchdogSec</c>: READY=1 once it serves, WATCHDOG=1 pings, STOPPING=1 on SIGTERM.
/// </summary>
[Slow]
public sealed class SystemdNotifyTests : IAsyncDisposable
{
    private readonly TestFolder _folder = new("gateway-notify-");

    [Fact]
    public async Task UnderSystemd_ReadyOnceServing_WatchdogPings_AndStoppingOnSigterm()
    {
        var path = _folder.File("notify.sock");
        using var systemd = new Socket(AddressFamily.Unix, SocketType.Dgram, ProtocolType.Unspecified);
        systemd.Bind(new UnixDomainSocketEndPoint(path));
        await using var gateway = GatewayProcess.Start(_folder.Path, "Development", new Dictionary<string, string>
        {
            ["NOTIFY_SOCKET"] = path,
            ["WATCHDOG_USEC"] = "400000", // pings every 200 ms
        });

        var ready = await ReceiveAsync(systemd, TimeSpan.FromSeconds(60), gateway);
        Assert.StartsWith("READY=1\n", ready, StringComparison.Ordinal);
        Assert.Contains($"MAINPID={gateway.ProcessId}", ready, StringComparison.Ordinal);
        // READY means serving: the very next request is answered.
        using (var client = new HttpClient { BaseAddress = gateway.Address })
        {
            Assert.True((await client.GetAsync("/healthz")).IsSuccessStatusCode);
        }
        Assert.Equal("WATCHDOG=1", await ReceiveAsync(systemd, TimeSpan.FromSeconds(5), gateway));
        Assert.Equal("WATCHDOG=1", await ReceiveAsync(systemd, TimeSpan.FromSeconds(5), gateway));

        // A frozen process sends nothing (systemd would restart it after WatchdogSec).
        Signal("STOP", gateway.ProcessId);
        await Eventually.WaitAsync(() => Task.FromResult(IsStopped(gateway.ProcessId)), "the gateway process stopped");
        while (systemd.Available > 0)
        {
            // A ping sent just before it stopped.
            Assert.Equal("WATCHDOG=1", await ReceiveAsync(systemd, TimeSpan.FromSeconds(1), gateway));
        }
        await Assert.ThrowsAsync<TimeoutException>(() => ReceiveAsync(systemd, TimeSpan.FromSeconds(1), gateway));
        Signal("CONT", gateway.ProcessId);
        Assert.Equal("WATCHDOG=1", await ReceiveAsync(systemd, TimeSpan.FromSeconds(5), gateway));

        Signal("TERM", gateway.ProcessId);
        string message;
        do
        {
            message = await ReceiveAsync(systemd, TimeSpan.FromSeconds(10), gateway);
        }
        while (message == "WATCHDOG=1");
        Assert.Equal("STOPPING=1", message);
        Assert.Equal(0, await gateway.ExitCodeAsync(TimeSpan.FromSeconds(20)));
    }

    private static async Task<string> ReceiveAsync(Socket socket, TimeSpan timeout, GatewayProcess gateway)
    {
        var buffer = new byte[4096];
        using var cancel = new CancellationTokenSource(timeout, TimeProvider.System);
        try
        {
            var received = await socket.ReceiveAsync(buffer, SocketFlags.None, cancel.Token);
            return Encoding.UTF8.GetString(buffer, 0, received);
        }
        catch (OperationCanceledException)
        {
            throw new TimeoutException($"nothing from the gateway within {timeout}:\n{gateway.Output}");
        }
    }

    // The state letter of /proc/PID/stat: T once a SIGSTOP has taken effect.
    private static bool IsStopped(int pid)
    {
        var stat = File.ReadAllText($"/proc/{pid}/stat");
        return stat[(stat.LastIndexOf(')') + 2)..].StartsWith('T');
    }

    private static void Signal(string signal, int pid)
    {
        using var kill = Process.Start("kill", ["-" + signal, pid.ToString(System.Globalization.CultureInfo.InvariantCulture)]);
        kill.WaitForExit();
    }

    public ValueTask DisposeAsync() => _folder.DisposeAsync();
}
