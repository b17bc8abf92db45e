using Quartz;

namespace Softphone.Gateway.Scheduling;

/// <summary>The gateway's Quartz scheduler, and the way features put its changes into their own transactions.</summary>
internal sealed class JobScheduler(ISchedulerFactory factory)
{
    private IScheduler? _scheduler;

    public async ValueTask<IScheduler> GetAsync(CancellationToken cancellationToken = default) =>
        _scheduler ??= await factory.GetScheduler(cancellationToken);

    /// <summary>For <see cref="Storage.UnitOfWork"/>: Quartz writes its triggers in the caller's transaction.</summary>
    public async ValueTask<Func<System.Data.Common.DbTransaction, IDisposable>> EnlistmentAsync(CancellationToken cancellationToken = default)
    {
        var scheduler = await GetAsync(cancellationToken);
        return transaction => scheduler.EnlistTransaction(transaction);
    }

    /// <summary>A one-shot trigger for <paramref name="job"/> at <paramref name="at"/>; late (the gateway was down) it fires once, at start.</summary>
    public static ITrigger OneShot(IScheduler scheduler, TriggerKey key, JobKey job, DateTimeOffset at, params (string Key, string Value)[] data)
    {
        var builder = TriggerBuilder.Create(scheduler.TimeProvider).WithIdentity(key).ForJob(job).StartAt(at)
            .WithSimpleSchedule(s => s.WithMisfireInstruction(SimpleTriggerMisfireInstruction.FireNow));
        foreach (var (name, value) in data)
        {
            builder = builder.UsingJobData(name, value);
        }
        return builder.Build();
    }
}
