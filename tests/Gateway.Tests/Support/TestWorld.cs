using System.Net.Http.Json;
using System.Text.Json;
using Dapper;
using Microsoft.Extensions.DependencyInjection;
using Softphone.Gateway.Storage;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Support;

/// <summary>
/// A real gateway and a real Mac node agent on loopback, talking signed HTTP to each other. The agent can
/// be stopped, replaced by a black hole (accepts TCP, never answers) and restarted on the same port.
/// </summary>
internal sealed class TestWorld : IAsyncDisposable
{
    private readonly TestFolder _folder;
    private BlackHole? _blackHole;

    private TestWorld(TestFolder folder, int nodePort, IDictionary<string, string?>? overrides, string? agentSecret, bool tunnel, TimeProvider? clock = null)
    {
        _folder = folder;
        NodePort = nodePort;
        AgentSecret = agentSecret ?? GatewayFactory.NodeSecret;
        Tunnel = tunnel;
        var settings = new Dictionary<string, string?>(overrides ?? new Dictionary<string, string?>());
        if (tunnel)
        {
            settings["Tenants:demo:Nodes:boss-mac:Link"] = "tunnel";
        }
        Gateway = new GatewayFactory(nodePort, folder.File("gateway.db"), settings,
            services: clock is null ? null : services => services.AddSingleton(clock));
    }

    /// <summary>The agent reaches the gateway through its tunnel (and listens on no port) instead of the gateway dialling it.</summary>
    public bool Tunnel { get; }

    /// <summary>Agent settings on top of the test defaults, for the next <see cref="StartAgentAsync"/>.</summary>
    public Dictionary<string, string?> AgentSettings { get; } = new();

    public GatewayFactory Gateway { get; }
    public int NodePort { get; }
    public string AgentSecret { get; }
    public RecordingDialer Dialer { get; } = new();
    public RunningAgent? Agent { get; private set; }

    // clock: the gateway's clock (and so Quartz's) instead of the system's, e.g. a ManualTimeProvider.
    public static async Task<TestWorld> StartAsync(IDictionary<string, string?>? overrides = null, bool startAgent = true, string? agentSecret = null, bool tunnel = false,
        TimeProvider? clock = null)
    {
        var world = new TestWorld(new TestFolder("gateway-test-"), FreePort.Next(), overrides, agentSecret, tunnel, clock);
        world.Gateway.StartServer();
        if (startAgent)
        {
            await world.StartAgentAsync();
            await world.WaitForNodeAsync("up");
        }
        return world;
    }

    public async Task StartAgentAsync()
    {
        await ClearBlackHoleAsync();
        var settings = new Dictionary<string, string?>(AgentSettings);
        if (Tunnel)
        {
            settings.TryAdd("MacNodeAgent:Link", "tunnel");
        }
        Agent = await RunningAgent.StartAsync(NodePort, Dialer, _folder.File("agent"), Gateway.Address.ToString(), secret: AgentSecret, settings: settings);
    }

    public async Task StopAgentAsync()
    {
        if (Agent is not null)
        {
            await Agent.DisposeAsync();
            Agent = null;
        }
    }

    public async Task BlackHoleAsync()
    {
        await StopAgentAsync();
        _blackHole ??= new BlackHole(NodePort);
    }

    public async Task ClearBlackHoleAsync()
    {
        if (_blackHole is not null)
        {
            await _blackHole.DisposeAsync();
            _blackHole = null;
        }
    }

    public async Task<HttpResponseMessage> PressAsync(object body, string apiKey = GatewayFactory.BossKey)
    {
        using var client = Gateway.Client(apiKey);
        return await client.PostAsJsonAsync("/api/calls", body);
    }

    public async Task<JsonElement> PressJsonAsync(object body, string apiKey = GatewayFactory.BossKey)
    {
        using var response = await PressAsync(body, apiKey);
        return await response.Content.ReadFromJsonAsync<JsonElement>();
    }

    public async Task<JsonElement> NodeAsync()
    {
        using var client = Gateway.Client();
        var nodes = await client.GetFromJsonAsync<JsonElement>("/api/nodes");
        return nodes[0];
    }

    public Task WaitForNodeAsync(string state) =>
        Eventually.WaitAsync(async () => (await NodeAsync()).GetProperty("state").GetString() == state, $"node {state}");

    /// <summary>
    /// Down for this reason. (An agent that stops can fail a probe or two before its tunnels' close reaches the
    /// gateway, and on a loaded machine a probe can time out: the node is down as "circuit-open" for that moment,
    /// then for its own reason.)
    /// </summary>
    public Task WaitForNodeAsync(string state, string reason) =>
        Eventually.WaitAsync(async () => await NodeAsync() is var node
            && node.GetProperty("state").GetString() == state && node.GetProperty("reason").GetString() == reason, $"node {state} ({reason})");

    public async Task<long> CountAsync(string table)
    {
        await using var connection = await Gateway.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>($"SELECT COUNT(*) FROM {table}");
    }

    /// <summary>How many calls the gateway stored to this number (for tests that share a world).</summary>
    public async Task<long> CountCallsToAsync(string e164)
    {
        await using var connection = await Gateway.Services.GetRequiredService<Database>().OpenAsync();
        return await connection.ExecuteScalarAsync<long>("SELECT COUNT(*) FROM calls WHERE to_e164 = @e164", new { e164 });
    }

    public async ValueTask DisposeAsync()
    {
        await StopAgentAsync();
        await ClearBlackHoleAsync();
        await Gateway.DisposeAsync();
        await _folder.DisposeAsync();
    }
}
