using Microsoft.Extensions.Configuration;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Softphone.MacNodeAgent.Dialing;
using Softphone.MacNodeAgent.Hosting;

namespace Softphone.Tests;

/// <summary>A real Mac node agent host (Kestrel on loopback) with the iPhone replaced by a <see cref="RecordingDialer"/>.</summary>
internal sealed class RunningAgent : IAsyncDisposable
{
    private RunningAgent(WebApplication app, int port)
    {
        App = app;
        Port = port;
    }

    public WebApplication App { get; }

    public int Port { get; }

    public Uri BaseAddress => new($"http://127.0.0.1:{Port}/");

    public static async Task<RunningAgent> StartAsync(
        int port, RecordingDialer? dialer, string stateDirectory, string gatewayUrl = "http://127.0.0.1:9",
        string nodeId = "boss-mac", string secret = "test-node-secret", TimeProvider? clock = null,
        IDictionary<string, string?>? settings = null)
    {
        var app = AgentHost.Build([], builder =>
        {
            builder.Environment.EnvironmentName = "Development";
            var values = new Dictionary<string, string?>
            {
                ["MacNodeAgent:NodeId"] = nodeId,
                ["MacNodeAgent:Link"] = "direct",
                ["MacNodeAgent:Urls"] = $"http://127.0.0.1:{port}",
                ["MacNodeAgent:GatewayUrl"] = gatewayUrl,
                ["MacNodeAgent:Secret"] = secret,
                ["MacNodeAgent:StateDirectory"] = stateDirectory,
                ["MacNodeAgent:HeartbeatInterval"] = "00:00:00.200",
                ["MacNodeAgent:HeartbeatMaxBackoff"] = "00:00:01",
            };
            foreach (var (key, value) in settings ?? new Dictionary<string, string?>())
            {
                values[key] = value;
            }
            builder.Configuration.AddInMemoryCollection(values);
            builder.Logging.ClearProviders();
            if (dialer is not null)
            {
                // Null: the agent's own dialer from configuration (MacNodeAgent:Dialer).
                builder.Services.AddSingleton<IDialer>(dialer);
            }
            if (clock is not null)
            {
                builder.Services.AddSingleton(clock);
            }
        });
        await app.StartAsync();
        return new RunningAgent(app, port);
    }

    public async ValueTask DisposeAsync()
    {
        await App.StopAsync();
        await App.DisposeAsync();
    }
}
