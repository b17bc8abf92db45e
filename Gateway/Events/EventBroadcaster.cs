using Microsoft.Extensions.Options;
using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Events;

/// <summary>
/// Fans a tenant's events out to its open streams from memory (<see cref="TenantFeed"/>): a notification
/// after a commit costs one database read for the tenant, however many streams are open. Streams are
/// limited per agent (<see cref="RateLimitOptions.EventStreamsPerAgent"/>).
/// </summary>
internal sealed partial class EventBroadcaster(Storage.Database database, IOptions<RateLimitOptions> limits, ILogger<EventBroadcaster> logger)
{
    private const int ReadBatch = 500;

    private readonly Lock _lock = new();
    private readonly Dictionary<string, TenantFeed> _feeds = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _streamsPerAgent = new(StringComparer.Ordinal);
    private long _feedReads;

    /// <summary>Database reads made to feed streams (one per notification and tenant with streams, not one per stream).</summary>
    public long FeedReads => Interlocked.Read(ref _feedReads);

    /// <summary>Opens a stream for an agent: its tenant's feed, or null when the agent already has its maximum open.</summary>
    public async Task<TenantFeed?> JoinAsync(string tenantId, string agentId, CancellationToken cancellationToken)
    {
        var agent = tenantId + "/" + agentId;
        TenantFeed? feed;
        lock (_lock)
        {
            var open = _streamsPerAgent.GetValueOrDefault(agent);
            if (open >= limits.Value.EventStreamsPerAgent)
            {
                return null;
            }
            _streamsPerAgent[agent] = open + 1;
            if (_feeds.TryGetValue(tenantId, out feed))
            {
                feed.Streams++;
                return feed;
            }
        }
        // The first stream of a tenant starts its feed at the present.
        await using var connection = await database.OpenAsync(cancellationToken);
        var latest = await EventStore.LatestIdAsync(connection, tenantId);
        var created = false;
        lock (_lock)
        {
            if (!_feeds.TryGetValue(tenantId, out feed))
            {
                feed = new TenantFeed(latest);
                _feeds[tenantId] = feed;
                created = true;
            }
            feed.Streams++;
        }
        if (created)
        {
            // An event committed between the read above and the feed's creation found no feed to notify.
            _ = PumpAsync(tenantId, feed);
        }
        return feed;
    }

    public void Leave(string tenantId, string agentId)
    {
        lock (_lock)
        {
            var agent = tenantId + "/" + agentId;
            if (_streamsPerAgent.TryGetValue(agent, out var open))
            {
                if (open <= 1)
                {
                    _streamsPerAgent.Remove(agent);
                }
                else
                {
                    _streamsPerAgent[agent] = open - 1;
                }
            }
            if (_feeds.TryGetValue(tenantId, out var feed) && --feed.Streams <= 0)
            {
                _feeds.Remove(tenantId);
            }
        }
    }

    /// <summary>Called after a commit that appended events for the tenant: its open streams get them.</summary>
    public void Notify(string tenantId)
    {
        TenantFeed? feed;
        lock (_lock)
        {
            _feeds.TryGetValue(tenantId, out feed);
        }
        if (feed is not null)
        {
            _ = PumpAsync(tenantId, feed);
        }
    }

    private async Task PumpAsync(string tenantId, TenantFeed feed)
    {
        await feed.Pump.WaitAsync();
        try
        {
            IReadOnlyList<EventRecord> batch;
            do
            {
                Interlocked.Increment(ref _feedReads);
                batch = await EventStore.ReadAfterAsync(database, tenantId, feed.HighWater, ReadBatch, CancellationToken.None);
                feed.Append(batch);
            }
            while (batch.Count == ReadBatch);
        }
        catch (Exception exception)
        {
            // The events are stored; streams get them with the next notification or when they reconnect.
            LogPumpFailed(exception, tenantId);
        }
        finally
        {
            feed.Pump.Release();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not read new events for tenant {TenantId}; streams catch up on the next one")]
    private partial void LogPumpFailed(Exception exception, string tenantId);
}
