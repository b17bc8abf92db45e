namespace Softphone.Gateway.Events;

/// <summary>
/// One tenant's recent events in memory, shared by all of its open streams: filled by one database read
/// per notification (in id order, so nothing is skipped), read by each stream without touching the database.
/// </summary>
internal sealed class TenantFeed(long highWater)
{
    /// <summary>How many recent events are kept for streams that fall behind; older ones are read from the database.</summary>
    public const int Capacity = 1000;

    private readonly Lock _lock = new();
    private readonly List<EventRecord> _recent = [];
    private TaskCompletionSource _signal = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public SemaphoreSlim Pump { get; } = new(1, 1);

    public int Streams { get; set; }

    /// <summary>The newest event id this feed has read.</summary>
    public long HighWater
    {
        get { lock (_lock) { return highWater; } }
    }

    /// <summary>Completes when the next events arrive; take it before reading, so none is missed in between.</summary>
    public Task Next
    {
        get { lock (_lock) { return _signal.Task; } }
    }

    public void Append(IReadOnlyList<EventRecord> events)
    {
        TaskCompletionSource wake;
        lock (_lock)
        {
            foreach (var record in events.Where(e => e.Id > highWater))
            {
                _recent.Add(record);
                highWater = record.Id;
            }
            if (_recent.Count > Capacity)
            {
                _recent.RemoveRange(0, _recent.Count - Capacity);
            }
            wake = _signal;
            _signal = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        }
        wake.TrySetResult();
    }

    /// <summary>The events after <paramref name="cursor"/>, or null when they are older than what memory holds.</summary>
    public IReadOnlyList<EventRecord>? After(long cursor)
    {
        lock (_lock)
        {
            if (cursor >= highWater)
            {
                return [];
            }
            var first = _recent.Count > 0 ? _recent[0].Id : highWater + 1;
            if (cursor < first - 1)
            {
                return null;
            }
            return _recent.Where(e => e.Id > cursor).ToList();
        }
    }
}
