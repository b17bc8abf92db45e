using System.Diagnostics;
using System.Text;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Support;

/// <summary>The built Mac node agent as a real process (<c>dotnet Softphone.MacNodeAgent.dll</c>), linked to a gateway by its tunnel.</summary>
internal sealed class AgentProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TestFolder _folder;
    private readonly StringBuilder _output = new();

    private AgentProcess(Process process, TestFolder folder)
    {
        _process = process;
        _folder = folder;
        process.OutputDataReceived += (_, e) => Append(e.Data);
        process.ErrorDataReceived += (_, e) => Append(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
    }

    public int Id => _process.Id;

    public string Output
    {
        get { lock (_output) { return _output.ToString(); } }
    }

    public static AgentProcess Start(Uri gateway, string secret = GatewayFactory.NodeSecret)
    {
        var folder = new TestFolder("agent-process-");
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Softphone.MacNodeAgent.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = folder.Path,
        };
        foreach (var name in start.Environment.Keys.Where(k => k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["MacNodeAgent__NodeId"] = "boss-mac";
        start.Environment["MacNodeAgent__Secret"] = secret;
        start.Environment["MacNodeAgent__GatewayUrl"] = gateway.ToString();
        start.Environment["MacNodeAgent__Link"] = "tunnel";
        start.Environment["MacNodeAgent__StateDirectory"] = folder.File("state");
        start.Environment["MacNodeAgent__Dialer__Mode"] = "dry-run";
        start.Environment["MacNodeAgent__HeartbeatInterval"] = "00:00:00.200";
        start.Environment["MacNodeAgent__HeartbeatMaxBackoff"] = "00:00:01";
        return new AgentProcess(Process.Start(start)!, folder);
    }

    /// <summary>TCP sockets this process listens on (from /proc: the listening sockets whose inode it holds).</summary>
    public IReadOnlyList<string> ListeningTcpSockets()
    {
        var listening = new Dictionary<string, string>();
        foreach (var table in new[] { "/proc/net/tcp", "/proc/net/tcp6" }.Where(File.Exists))
        {
            foreach (var line in File.ReadLines(table).Skip(1))
            {
                var columns = line.Split(' ', StringSplitOptions.RemoveEmptyEntries);
                if (columns.Length > 9 && columns[3] == "0A")
                {
                    listening[columns[9]] = columns[1];
                }
            }
        }
        var held = new List<string>();
        foreach (var descriptor in Directory.EnumerateFiles($"/proc/{_process.Id}/fd"))
        {
            var target = new FileInfo(descriptor).LinkTarget ?? "";
            if (target.StartsWith("socket:[", StringComparison.Ordinal) && listening.TryGetValue(target[8..^1], out var address))
            {
                held.Add(address);
            }
        }
        return held;
    }

    public void Kill() => _process.Kill(entireProcessTree: true);

    /// <summary>Sends a signal (STOP: a frozen Mac; CONT: it wakes up).</summary>
    public void Signal(string name)
    {
        using var kill = Process.Start("kill", [$"-{name}", _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)])!;
        kill.WaitForExit();
    }

    private void Append(string? line)
    {
        if (line is not null)
        {
            lock (_output)
            {
                _output.AppendLine(line);
            }
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            Signal("CONT");
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        await _folder.DisposeAsync();
    }
}
