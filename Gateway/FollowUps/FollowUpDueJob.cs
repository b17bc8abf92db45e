using Microsoft.Extensions.Options;
using Quartz;
using Softphone.Gateway.Scheduling;

namespace Softphone.Gateway.FollowUps;

/// <summary>Quartz job: a follow-up's trigger fired. A failure (the database was busy) tries again after <see cref="JobSchedulingOptions.RetryDelay"/>.</summary>
internal sealed partial class FollowUpDueJob(FollowUpService service, IOptions<JobSchedulingOptions> options, ILogger<FollowUpDueJob> logger) : IJob
{
    public static readonly JobKey Key = new("followup-due", FollowUpService.TriggerGroup);
    public const string TenantKey = "tenantId";
    public const string FollowUpKey = "followUpId";

    public async ValueTask Execute(IJobExecutionContext context, CancellationToken cancellationToken)
    {
        var tenantId = context.MergedJobDataMap.GetString(TenantKey)!;
        var followUpId = context.MergedJobDataMap.GetString(FollowUpKey)!;
        try
        {
            await service.FireAsync(tenantId, followUpId, cancellationToken);
        }
        catch (Exception error) when (error is Microsoft.Data.Sqlite.SqliteException or IOException)
        {
            var retryAt = context.Scheduler.TimeProvider.GetUtcNow() + options.Value.RetryDelay;
            LogRetry(error, followUpId, retryAt);
            await context.Scheduler.ScheduleJob(FollowUpService.Trigger(context.Scheduler, tenantId, followUpId + ":" + retryAt.UtcTicks, retryAt), cancellationToken: cancellationToken);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Follow-up {FollowUpId} could not be processed; trying again at {RetryAt}")]
    private partial void LogRetry(Exception exception, string followUpId, DateTimeOffset retryAt);
}
