using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Softphone.Gateway.Tests.Support;

/// <summary>
/// The real gateway on Kestrel (loopback, any port) with its own SQLite file, the demo tenant from
/// appsettings.json pointed at a test node port, a second tenant, and timings short enough for tests. A file that does not
/// exist yet when the host is built starts as a copy of <see cref="MigratedTemplate"/> unless <c>freshFile</c> is set.
/// </summary>
internal sealed class GatewayFactory : WebApplicationFactory<Program>
{
    public const string BossKey = "dev-boss-key";
    public const string AcmeKey = "acme-alice-key";
    public const string NodeSecret = "test-node-secret";

    private readonly Dictionary<string, string?> _settings;
    private readonly Action<IServiceCollection>? _services;
    private readonly bool _freshFile;
    private Softphone.Tests.ManualTimeProvider? _manualClock;

    // services: replaces services of the real gateway (a test's clock), nothing else. freshFile: the gateway's own
    // migrations make the file, as in production, instead of a copy of the migrated template.
    public GatewayFactory(int nodePort, string databasePath, IDictionary<string, string?>? overrides = null, string environment = "Development", bool kestrel = true,
        Action<IServiceCollection>? services = null, bool freshFile = false)
    {
        _services = services;
        _freshFile = freshFile;
        DatabasePath = databasePath;
        Environment = environment;
        _settings = new Dictionary<string, string?>
        {
            ["Storage:Path"] = databasePath,
            // Most tests reach the agent directly on its port (so it can be black-holed); TunnelTests use the tunnel.
            ["Tenants:demo:Nodes:boss-mac:Link"] = "direct",
            ["Tenants:demo:Nodes:boss-mac:Url"] = $"http://127.0.0.1:{nodePort}",
            ["Tenants:demo:Nodes:boss-mac:Secret"] = NodeSecret,
            ["Tenants:acme:Name"] = "Acme Roofing",
            ["Tenants:acme:Agents:alice:ApiKey"] = AcmeKey,
            ["Tenants:acme:Numbers:0:Number"] = "+12145550177",
            ["Tenants:acme:Numbers:0:State"] = "TX",
            ["Tenants:acme:Numbers:0:Default"] = "true",
            ["MacNode:ProbeInterval"] = "00:00:00.100",
            ["MacNode:ProbeTimeout"] = "00:00:00.250",
            ["MacNode:DialAttemptTimeout"] = "00:00:01",
            ["MacNode:DialBudget"] = "00:00:02.500",
            ["MacNode:DialRetryPause"] = "00:00:00.050",
            ["MacNode:HeartbeatFreshness"] = "00:00:03",
            ["MacNode:Breaker:SamplingDuration"] = "00:00:01",
            ["MacNode:Breaker:BreakDuration"] = "00:00:00.500",
            // Rate limits are tested on their own (RateLimitTests); elsewhere they must not shape the tests.
            ["RateLimits:ApiPerMinute"] = "1000000",
            ["RateLimits:WebhooksPerMinute"] = "1000000",
            ["RateLimits:NodesPerMinute"] = "1000000",
            // Tests run at any hour: the calling/texting windows are opened fully unless a test sets them.
            ["Compliance:CallingHours:Start"] = "00:00:00",
            ["Compliance:CallingHours:End"] = "1.00:00:00",
            ["Compliance:TextingHours:Start"] = "00:00:00",
            ["Compliance:TextingHours:End"] = "1.00:00:00",
        };
        foreach (var (key, value) in overrides ?? new Dictionary<string, string?>())
        {
            _settings[key] = value;
        }
        if (kestrel)
        {
            UseKestrel(0);
        }
    }

    public string DatabasePath { get; }

    public string Environment { get; }

    public Uri Address => new(Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First());

    public HttpClient Client(string? apiKey = BossKey)
    {
        var client = new HttpClient { BaseAddress = Address };
        if (apiKey is not null)
        {
            client.DefaultRequestHeaders.Authorization = new("Bearer", apiKey);
        }
        return client;
    }

    /// <summary>
    /// Stops the gateway. A gateway on a test's manual clock stops with that clock running (a second a tick): Quartz
    /// waits for its jobs, and a job or the scheduler thread that hit a busy database retries after a delay on the
    /// gateway's clock, which a clock that never moves would never end (seen: a test host hung in its dispose).
    /// </summary>
    public override async ValueTask DisposeAsync()
    {
        var clock = _manualClock;
        if (clock is null)
        {
            await base.DisposeAsync();
            return;
        }
        using var stopped = new CancellationTokenSource();
        var ticking = Task.Run(async () =>
        {
            while (!stopped.IsCancellationRequested)
            {
                clock.Advance(TimeSpan.FromSeconds(1));
                await Task.Delay(TimeSpan.FromMilliseconds(10), TimeProvider.System);
            }
        });
        try
        {
            await base.DisposeAsync();
        }
        finally
        {
            await stopped.CancelAsync();
            await ticking;
        }
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        if (!_freshFile)
        {
            MigratedTemplate.CopyUnlessPresent(DatabasePath);
        }
        builder.UseEnvironment(Environment);
        builder.ConfigureAppConfiguration((_, config) => config.AddInMemoryCollection(_settings));
        builder.ConfigureServices(services =>
        {
            services.AddLogging(logging => logging.ClearProviders());
            _services?.Invoke(services);
            _manualClock = services.LastOrDefault(s => s.ServiceType == typeof(TimeProvider))?.ImplementationInstance as Softphone.Tests.ManualTimeProvider;
        });
    }
}
