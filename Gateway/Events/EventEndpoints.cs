using System.Globalization;
using System.Text;
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
    /// reconnects with <c>Last-Event-ID</c> (or <c>?lastEventId=</c>) first gets everything after it.
    /// Without either, the stream starts at the present.
    /// </summary>
    private static async Task StreamAsync(HttpContext http, EventStore store, EventBroadcaster broadcaster, TimeProvider timeProvider, string? lastEventId)
    {
        var tenantId = http.User.GetAgent().TenantId;
        var resumeFrom = http.Request.Headers["Last-Event-ID"].ToString() is { Length: > 0 } header ? header : lastEventId;
        var cancellationToken = http.RequestAborted;
        long cursor;
        if (resumeFrom is null)
        {
            cursor = await store.LatestIdAsync(tenantId, cancellationToken);
        }
        else if (!long.TryParse(resumeFrom, NumberStyles.None, CultureInfo.InvariantCulture, out cursor))
        {
            await Results.Problem(statusCode: 400, title: "Last-Event-ID must be an event id",
                extensions: new Dictionary<string, object?> { ["reason"] = "invalid-last-event-id" }).ExecuteAsync(http);
            return;
        }

        http.Response.Headers.ContentType = "text/event-stream";
        http.Response.Headers.CacheControl = "no-cache";
        http.Response.Headers["X-Accel-Buffering"] = "no";
        await http.Response.WriteAsync("retry: 2000\n\n", cancellationToken);
        await http.Response.Body.FlushAsync(cancellationToken);
        try
        {
            while (!cancellationToken.IsCancellationRequested)
            {
                // Subscribe before reading, so an event appended in between is not missed.
                var next = broadcaster.NextAsync(tenantId);
                foreach (var record in await store.ReadAfterAsync(tenantId, cursor, 500, cancellationToken))
                {
                    var frame = new StringBuilder()
                        .Append("id: ").Append(record.Id.ToString(CultureInfo.InvariantCulture)).Append('\n')
                        .Append("event: ").Append(record.Type).Append('\n')
                        .Append("data: ").Append(record.Data).Append("\n\n");
                    await http.Response.WriteAsync(frame.ToString(), cancellationToken);
                    cursor = record.Id;
                }
                await http.Response.Body.FlushAsync(cancellationToken);
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
            // The browser went away; it resumes with Last-Event-ID.
        }
    }
}
