using Dapper;
using Softphone.Gateway.Hosting;

namespace Softphone.Gateway.Storage;

internal static class StorageFeature
{
    public static IHostApplicationBuilder AddStorage(this IHostApplicationBuilder builder)
    {
        SQLitePCL.Batteries_V2.Init();
        DefaultTypeMap.MatchNamesWithUnderscores = true;
        SqlMapper.RemoveTypeMap(typeof(DateTimeOffset));
        SqlMapper.AddTypeHandler(new UtcTimestampHandler());

        builder.AddValidatedOptions<StorageOptions>(StorageOptions.Section).BindConfiguration(StorageOptions.Section).ValidateDataAnnotations();
        builder.Services.AddSingleton<Database>();
        builder.Services.AddSingleton<UnitOfWork>();
        builder.Services.AddSingleton<GroupCommit>();
        builder.Services.AddSingleton<Migrator>();
        // Registered first so that migrations run before any other hosted service and before Kestrel serves.
        builder.Services.AddHostedService(services => services.GetRequiredService<Migrator>());
        builder.Services.AddHostedService<CheckpointWorker>();
        builder.Services.AddHealthChecks().AddCheck<DatabaseHealthCheck>("database", tags: ["ready"]);
        return builder;
    }
}
