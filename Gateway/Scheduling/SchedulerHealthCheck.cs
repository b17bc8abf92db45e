using Microsoft.Extensions.Diagnostics.HealthChecks;
using Quartz;

namespace Softphone.Gateway.Scheduling;

/// <summary>/readyz: whether Quartz is running, how many triggers of each kind wait, and misfires since start.</summary>
internal sealed class SchedulerHealthCheck(JobScheduler jobs, MisfireCounter misfires) : IHealthCheck
{
    public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
    {
        var scheduler = await jobs.GetAsync(cancellationToken);
        var groups = new List<string>();
        foreach (var group in await scheduler.GetTriggerGroupNames(cancellationToken))
        {
            var count = (await scheduler.GetTriggerKeys(GroupMatcher<TriggerKey>.GroupEquals(group), cancellationToken)).Count;
            groups.Add($"{count} {group}");
        }
        var description = $"{scheduler.Status.ToString().ToLowerInvariant()}; triggers: {(groups.Count == 0 ? "none" : string.Join(", ", groups))}; {misfires.Misfires} misfired since start";
        return scheduler.Status == SchedulerStatus.Running ? HealthCheckResult.Healthy(description) : HealthCheckResult.Unhealthy(description);
    }
}
