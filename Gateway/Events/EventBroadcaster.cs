using System.Collections.Concurrent;

namespace Softphone.Gateway.Events;

/// <summary>Wakes a tenant's open event streams when something was appended (the log itself is in SQLite).</summary>
internal sealed class EventBroadcaster
{
    private readonly ConcurrentDictionary<string, TaskCompletionSource> _signals = new(StringComparer.Ordinal);

    /// <summary>A task that completes at the tenant's next <see cref="Notify"/>.</summary>
    public Task NextAsync(string tenantId) =>
        _signals.GetOrAdd(tenantId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    public void Notify(string tenantId)
    {
        if (_signals.TryRemove(tenantId, out var signal))
        {
            signal.TrySetResult();
        }
    }
}
