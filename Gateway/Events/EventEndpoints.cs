using System.Globalization;
using System.Text;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;

namespace Softphone.Gateway.Events;

internal static class EventEndpoints
{
    private static readonly TimeSpan KeepAlive = TimeSpan.FromSeconds(15);

    public static RouteGroupBuilder MapEventEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/events", StreamAsync);
        return api;
    }

    /// <summary>
    /// Server-sent events for the agent's tenant. Each event carries its durable id; a browser that
    /// reconnects with <c>Last-Event-ID</c> (or <c>?lastEventId=</c>) first gets everything after it (from
    /// the database when it is older than what memory holds). Without either, the stream starts at the
    /// present. Live events come from the tenant's shared in-memory feed. An agent holds at most
    /// <c>RateLimits:EventStreamsPerAgent</c> streams at once (429 past that).
    /// </summary>
    private static async Task StreamAsync(HttpContext http, EventStore store, EventBroadcaster broadcaster, TimeProvider timeProvider, IHostApplicationLifetime lifetime,
        string? lastEventId)
    {
        var agent = http.User.GetAgent();
        var resumeFrom = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : lastEventId;
        // The stream also ends when the gateway stops: the server would otherwise wait for every open console to go away
        // (up to its shutdown timeout) before stopping. The browser reconnects with Last-Event-ID and loses nothing.
        using var ended = CancellationTokenSource.CreateLinkedTokenSource(http.RequestAborted, lifetime.ApplicationStopping);
        var cancellationToken = ended.Token;
        long cursor = 0;
        if (resumeFrom is not null && !long.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
        {
            await Problems.Create(400, "invalid-last-event-id", "Last-Event-ID must be an event id", "Send the id of the last event received, or none.").ExecuteAsync(http);
            return;
        }
        var feed = await broadcaster.JoinAsync(agent.TenantId, agent.AgentId, cancellationToken);
        if (feed is null)
        {
            http.Response.Headers.RetryAfter = "10";
            await Problems.Create(429, "too-many-streams", "This agent has the most live-event streams allowed open",
                "Close another tab or window of the console, then reconnect.").ExecuteAsync(http);
            return;
        }
        try
        {
            if (resumeFrom is null)
            {
                cursor = feed.HighWater;
            }
            http.Response.Headers.ContentType = "text/event-stream";
            http.Response.Headers.CacheControl = "no-cache";
            http.Response.Headers["X-Accel-Buffering"] = "no";
            await http.Response.WriteAsync("retry: 2000\n\n", cancellationToken);
            await http.Response.Body.FlushAsync(cancellationToken);
            while (!cancellationToken.IsCancellationRequested)
            {
                // Take the signal before reading, so an event appended in between is not missed.
                var next = feed.Next;
                var records = feed.After(cursor) ?? await store.ReadAfterAsync(agent.TenantId, cursor, 500, cancellationToken);
                foreach (var record in records)
                {
                    await http.Response.WriteAsync(Frame(record), cancellationToken);
                    cursor = record.Id;
                }
                await http.Response.Body.FlushAsync(cancellationToken);
                if (records.Count > 0 && cursor < feed.HighWater)
                {
                    continue; // still catching up
                }
                using var pause = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
                var keepAlive = Task.Delay(KeepAlive, timeProvider, pause.Token);
                var wake = await Task.WhenAny(next, keepAlive);
                await pause.CancelAsync(); // no timer left behind per event
                if (wake != next)
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    await http.Response.WriteAsync(": keep-alive\n\n", cancellationToken);
                }
            }
        }
        catch (OperationCanceledException)
        {
            // The browser went away, or the gateway is stopping; the browser resumes with Last-Event-ID.
        }
        finally
        {
            broadcaster.Leave(agent.TenantId, agent.AgentId);
        }
    }

    private static string Frame(EventRecord record) => new StringBuilder()
        .Append("id: ").Append(record.Id.ToString(CultureInfo.InvariantCulture)).Append('\n')
        .Append("event: ").Append(record.Type).Append('\n')
        .Append("data: ").Append(record.Data).Append("\n\n")
        .ToString();
}
