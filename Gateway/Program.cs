using Softphone.Gateway.Hosting;

var app = GatewayApp.CreateBuilder(args).Build();
// A broken configuration stops the gateway before anything is written: one line per bad setting, no stack
// trace, exit 78 (EX_CONFIG: the unit's RestartPreventExitStatus stops systemd's restart loop on it).
if (app.ConfigurationFailures() is { Count: > 0 } failures)
{
    foreach (var failure in failures)
    {
        await Console.Error.WriteLineAsync(failure);
    }
    return 78;
}
// "backup <file>": an online copy of the database with the service's own configuration, then exit.
if (args is [Softphone.Gateway.Storage.BackupCommand.Name, ..])
{
    return await Softphone.Gateway.Storage.BackupCommand.RunAsync(
        app.Services.GetRequiredService<Softphone.Gateway.Storage.Database>(), args, Console.Out, Console.Error);
}
await app.MapGateway().RunAsync();
return 0;

/// <summary>The gateway's entry point (public for WebApplicationFactory).</summary>
public partial class Program;
