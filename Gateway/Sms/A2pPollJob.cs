using Quartz;

namespace Softphone.Gateway.Sms;

/// <summary>Quartz job: read one tenant's A2P campaign status. Twilio unreachable: logged; the repeating trigger tries again.</summary>
[DisallowConcurrentExecution]
internal sealed partial class A2pPollJob(A2pPoller poller, ILogger<A2pPollJob> logger) : IJob
{
    public static readonly JobKey Key = new("a2p-poll", A2pPoller.TriggerGroup);
    public const string TenantKey = "tenantId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.MergedJobDataMap.GetString(TenantKey)!;
        try
        {
            await poller.CheckAsync(tenantId, cancellationToken);
        }
        catch (Exception error) when (error is Twilio.TwilioUnreachableException or Twilio.TwilioApiException or HttpRequestException or Microsoft.Data.Sqlite.SqliteException)
        {
            LogFailed(error, tenantId);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "A2P status of tenant {TenantId} could not be read; the next poll tries again")]
    private partial void LogFailed(Exception exception, string tenantId);
}
