using System.Collections.Concurrent;
using Softphone.MacNodeAgent.Dialing;

namespace Softphone.Tests;

/// <summary>Stands in for the iPhone (the one thing outside our code on the agent side): records every number dialed.</summary>
internal sealed class RecordingDialer : IDialer
{
    private readonly ConcurrentQueue<string> _dialed = new();

    public string Name => "recording";

    public bool IsReady { get; set; } = true;

    /// <summary>When set, the dial fails as if the phone could not be reached.</summary>
    public bool Fail { get; set; }

    public IReadOnlyCollection<string> Dialed => _dialed.ToArray();

    public int CountFor(string e164) => _dialed.Count(n => n == e164);

    public Task DialAsync(string e164, CancellationToken cancellationToken)
    {
        if (Fail)
        {
            throw new DialerException("phone unreachable (test)");
        }
        _dialed.Enqueue(e164);
        return Task.CompletedTask;
    }
}
