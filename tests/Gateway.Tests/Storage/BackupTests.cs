using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tests.Support;

namespace Softphone.Gateway.Tests.Storage;

/// <summary>The restore drill of docs: back up a gateway that is taking presses, start a gateway on the copy.</summary>
[Slow]
public sealed class BackupTests
{
    [Fact]
    public async Task OnlineBackup_WhileTheGatewayWrites_RestoresToAWorkingGatewayWithEverythingCommittedBeforeIt()
    {
        await using var world = await TestWorld.StartAsync(startAgent: false);
        using var client = world.Gateway.Client();
        for (var i = 0; i < 5; i++)
        {
            Assert.Equal(HttpStatusCode.Created, (await world.PressAsync(new { leadId = $"before-{i}", to = $"+1312555020{i}", leadState = "IL" })).StatusCode);
        }
        Assert.Equal(HttpStatusCode.Created, (await client.PostAsJsonAsync("/api/dnc", new { phone = "+13125550299", reason = "drill" })).StatusCode);

        // Presses keep coming while the backup runs.
        using var stop = new CancellationTokenSource();
        var writer = Task.Run(async () =>
        {
            for (var i = 0; !stop.IsCancellationRequested; i++)
            {
                await world.PressAsync(new { leadId = $"during-{i}", to = $"+1312555{3000 + i % 999:D4}", leadState = "IL" });
            }
        });
        await using var folder = new Softphone.Tests.TestFolder("gateway-backup-");
        var copy = folder.File("copy.db");
        var (code, output) = await RunBackupAsync(world.Gateway.DatabasePath, copy);
        await stop.CancelAsync();
        await writer;
        Assert.True(code == 0, output);
        Assert.Matches(@"^backup: .+ -> .+copy\.db \(\d+ bytes, schema version \d+, integrity ok\)", output);

        // A second run refuses to overwrite the copy (the command itself, in this process: the run above was the real binary).
        var (again, refusal) = await RunInProcessAsync(world.Gateway.DatabasePath, "backup", copy);
        Assert.Equal(1, again);
        Assert.Contains("exists; choose a new file name", refusal);

        await using var restored = new GatewayFactory(Softphone.Tests.FreePort.Next(), copy);
        restored.StartServer();
        using var restoredClient = restored.Client();
        for (var i = 0; i < 5; i++)
        {
            var calls = await restoredClient.GetFromJsonAsync<JsonElement>($"/api/calls?leadId=before-{i}");
            Assert.Single(calls.GetProperty("items").EnumerateArray());
        }
        var dnc = await restoredClient.GetFromJsonAsync<JsonElement>("/api/dnc");
        Assert.Contains(dnc.EnumerateArray(), e => e.GetProperty("e164").GetString() == "+13125550299");
        Assert.Equal(HttpStatusCode.OK, (await restoredClient.GetAsync("/readyz")).StatusCode);
        // The restored gateway takes presses (the copy is a complete, writable database).
        Assert.Equal(HttpStatusCode.Created, (await restoredClient.PostAsJsonAsync("/api/calls", new { leadId = "after", to = "+13125550288", leadState = "IL" })).StatusCode);
    }

    [Fact]
    public async Task Backup_WithoutATarget_PrintsItsUsage()
    {
        var (code, output) = await RunInProcessAsync(Path.Combine(Path.GetTempPath(), "none.db"), "backup");
        Assert.Equal(2, code);
        Assert.StartsWith("usage: Softphone.Gateway backup <new-file.db>", output);
    }

    /// <summary>The backup command as <c>Program</c> runs it, on a database at <paramref name="database"/>, without starting a process.</summary>
    private static async Task<(int Code, string Output)> RunInProcessAsync(string database, params string[] args)
    {
        using var gatewayDatabase = new Database(Microsoft.Extensions.Options.Options.Create(new StorageOptions { Path = database }),
            new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { ContentRootPath = Path.GetTempPath() });
        await using var output = new StringWriter();
        var code = await BackupCommand.RunAsync(gatewayDatabase, args, output, output);
        return (code, output.ToString());
    }

    private static async Task<(int Code, string Output)> RunBackupAsync(string database, string target)
    {
        var start = new ProcessStartInfo("dotnet") { RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = Path.GetTempPath() };
        start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "Softphone.Gateway.dll"));
        start.ArgumentList.Add("backup");
        start.ArgumentList.Add(target);
        foreach (var name in start.Environment.Keys.Where(k => k.StartsWith("TWILIO_", StringComparison.Ordinal) || k.Contains("__", StringComparison.Ordinal)).ToList())
        {
            start.Environment.Remove(name);
        }
        start.Environment["DOTNET_ENVIRONMENT"] = "Development";
        start.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        start.Environment["Storage__Path"] = database;
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, (await stdout) + (await stderr));
    }
}
