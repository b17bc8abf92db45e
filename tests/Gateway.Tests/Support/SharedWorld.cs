namespace Softphone.Gateway.Tests.Support;

/// <summary>
/// One <see cref="TestWorld"/> (gateway and agent) shared by every test of a class, for classes whose tests change
/// nothing they share: a host start is most of such a test's cost.
/// </summary>
public sealed class SharedWorld : IAsyncLifetime
{
    private TestWorld? _world;

    internal TestWorld World => _world ?? throw new InvalidOperationException("The shared world has not started.");

    public async Task InitializeAsync() => _world = await TestWorld.StartAsync();

    public async Task DisposeAsync()
    {
        if (_world is not null)
        {
            await _world.DisposeAsync();
        }
    }
}
