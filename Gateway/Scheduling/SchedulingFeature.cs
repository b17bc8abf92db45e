using Quartz;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Scheduling;

/// <summary>
/// Quartz with its ADO job store on the gateway's SQLite file (tables made by migration 0006), so triggers
/// survive restarts. The jobs are registered here; follow-up and A2P code schedules
/// triggers inside its own transactions (<see cref="JobScheduler.EnlistmentAsync"/>).
/// </summary>
internal static class SchedulingFeature
{
    public static IHostApplicationBuilder AddScheduling(this IHostApplicationBuilder builder)
    {
        builder.AddValidatedOptions<JobSchedulingOptions>(JobSchedulingOptions.Section).BindConfiguration(JobSchedulingOptions.Section).ValidateDataAnnotations();
        var options = builder.Configuration.GetSection(JobSchedulingOptions.Section).Get<JobSchedulingOptions>() ?? new JobSchedulingOptions();
        builder.Services.AddSingleton<JobScheduler>();
        builder.Services.AddSingleton<MisfireCounter>();
        builder.Services.AddQuartz(quartz =>
        {
            quartz.UseDefaultThreadPool(Math.Clamp(options.MaxConcurrency, 1, 64));
            quartz.UsePersistentStore(store =>
            {
                // The gateway's own file and connection settings; its migrations make Quartz's tables (validated at start).
                store.UseSqlite(source => source.DataSourceFactory = services => services.GetRequiredService<Database>().DataSource());
                store.UseSystemTextJsonSerializer();
                store.ConfigureStore(ado =>
                {
                    ado.AcceptEnlistedTransactions = true;
                    ado.StoreJobDataAsStrings = true;
                    ado.MisfireThreshold = options.MisfireThreshold;
                });
            });
            quartz.AddTriggerListener(services => services.GetRequiredService<MisfireCounter>());
            // The jobs; their triggers are made by the features (a follow-up, a tenant's A2P poll) and live in the database.
            quartz.AddJob<FollowUps.FollowUpDueJob>(job => job.WithIdentity(FollowUps.FollowUpDueJob.Key).StoreDurably());
            quartz.AddJob<Sms.A2pPollJob>(job => job.WithIdentity(Sms.A2pPollJob.Key).StoreDurably());
        });
        // After the Migrator (registered by AddStorage): Quartz validates its tables when it starts. The scheduler is
        // started before the server listens (not after ApplicationStarted, Quartz's default), so the first /readyz and
        // systemd's READY=1 already find it running; a follow-up that fell due while the gateway was down may fire then.
        builder.Services.AddQuartzHostedService(hosted =>
        {
            hosted.WaitForJobsToComplete = true;
            hosted.AwaitApplicationStarted = false;
        });
        builder.Services.AddHealthChecks().AddCheck<SchedulerHealthCheck>("scheduler", tags: ["ready"]);
        return builder;
    }
}
