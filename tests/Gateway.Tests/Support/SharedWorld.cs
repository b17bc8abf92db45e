namespace Softphone.Gateway.Tests.Support;

/// <summary>
/// One <see cref="TestWorld"/> shared by every test of a class (an xunit class fixture), for classes whose tests each
/// work on their own leads, numbers and call ids and check what they changed by difference, never by absolute count:
/// a host start is most of such a test's cost. A test that needs a setting or a state the others must not see (the
/// agent stopped, a browser present) keeps a world of its own.
/// </summary>
public abstract class SharedWorld : IAsyncLifetime
{
    private TestWorld? _world;

    internal TestWorld World => _world ?? throw new InvalidOperationException("The shared world has not started.");

    private protected abstract Task<TestWorld> StartAsync();

    public async Task InitializeAsync() => _world = await StartAsync();

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }
}

/// <summary>The default world: the gateway and its Mac node agent, up.</summary>
public sealed class WorldWithAgent : SharedWorld
{
    private protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync();
}

/// <summary>The gateway alone (no agent), with the simulated Twilio's own callbacks held back so a test plays them by hand.</summary>
public sealed class GatewayWithoutCallbacks : SharedWorld
{
    private protected override Task<TestWorld> StartAsync() =>
        TestWorld.StartAsync(new Dictionary<string, string?> { ["Twilio:SimulatedCallbackDelay"] = "01:00:00" }, startAgent: false);
}

/// <summary>The gateway and its Mac node agent linked by the agent's tunnel, up.</summary>
public sealed class WorldWithAgentOnItsTunnel : SharedWorld
{
    private protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync(tunnel: true);
}

/// <summary>The gateway alone: its node's agent is not running.</summary>
public sealed class GatewayAlone : SharedWorld
{
    private protected override Task<TestWorld> StartAsync() => TestWorld.StartAsync(startAgent: false);
}
