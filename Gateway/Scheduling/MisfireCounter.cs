using Quartz;

namespace Softphone.Gateway.Scheduling;

/// <summary>Counts the triggers Quartz found misfired since this gateway started (shown in /readyz).</summary>
internal sealed partial class MisfireCounter(ILogger<MisfireCounter> logger) : ITriggerListener
{
    private long _misfires;

    public long Misfires => Interlocked.Read(ref _misfires);

    public string Name => "softphone-misfires";

    public ValueTask TriggerMisfired(ITrigger trigger, IScheduler scheduler, CancellationToken cancellationToken = default)
    {
        Interlocked.Increment(ref _misfires);
        LogMisfired(trigger.Key.Group, trigger.Key.Name, trigger.NextFireTimeUtc);
        return ValueTask.CompletedTask;
    }

    public ValueTask TriggerFired(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

    public ValueTask<bool> VetoJobExecution(ITrigger trigger, IJobExecutionContext context, CancellationToken cancellationToken = default) => ValueTask.FromResult(false);

    public ValueTask TriggerComplete(ITrigger trigger, IJobExecutionContext context, SchedulerInstruction triggerInstructionCode, CancellationToken cancellationToken = default) =>
        ValueTask.CompletedTask;

    [LoggerMessage(Level = LogLevel.Warning, Message = "Trigger {Group}.{Name} misfired (the gateway was down or busy when it fell due); it fires once now (next: {Next})")]
    private partial void LogMisfired(string group, string name, DateTimeOffset? next);
}
