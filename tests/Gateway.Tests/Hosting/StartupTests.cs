using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Options;
using Softphone.Gateway.MacNode;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Tests.Support;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Hosting;

public sealed class StartupTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("gateway-startup-").FullName;

    [Fact]
    public async Task Healthz_And_Readyz_AnswerWithoutAnApiKey()
    {
        await using var factory = new GatewayFactory(FreePort.Next(), Path.Combine(_folder, "gateway.db"));
        factory.StartServer();
        using var client = factory.Client(apiKey: null);

        using var live = await client.GetAsync("/healthz");
        var ready = await client.GetFromJsonAsync<JsonElement>("/readyz");

        Assert.Equal(HttpStatusCode.OK, live.StatusCode);
        Assert.Equal("healthy", ready.GetProperty("status").GetString());
        Assert.Equal("healthy", ready.GetProperty("checks").GetProperty("database").GetProperty("status").GetString());
    }

    [Fact]
    public async Task GatewayProcess_OutsideDevelopmentWithTheDevKeys_RefusesToStart_NamingTheSettings()
    {
        var (exitCode, output) = await RunGatewayProcessAsync("Production");

        Assert.Equal(78, exitCode);
        Assert.Contains("Tenants:demo:Agents:boss:ApiKey is a development value", output);
        Assert.Contains("Tenants:demo:Nodes:boss-mac:Secret is a development value", output);
        Assert.False(File.Exists(Path.Combine(_folder, "process.db")), "nothing may be written before the configuration is valid");
    }

    [Fact]
    public void Validation_OutsideDevelopmentWithRealKeys_Passes()
    {
        var errors = Validate(new() { ["Tenants:demo:Agents:boss:ApiKey"] = "a-real-key-from-the-environment", ["Tenants:demo:Nodes:boss-mac:Secret"] = "a-real-node-secret" }, "Production");
        Assert.Empty(errors);
    }

    [Theory]
    [InlineData("MacNode:DialAttemptTimeout", "00:00:10", "MacNode:DialAttemptTimeout must not exceed MacNode:DialBudget")]
    [InlineData("MacNode:ProbeInterval", "00:00:00", "ProbeInterval")]
    [InlineData("MacNode:Breaker:MinimumThroughput", "1", "MacNode:Breaker:MinimumThroughput must be at least 2")]
    [InlineData("Tenants:demo:CallMode", "sometimes", "Tenants:demo:CallMode must be one of")]
    [InlineData("Tenants:demo:Agents:boss:Node", "ghost-mac", "Tenants:demo:Agents:boss:Node names 'ghost-mac'")]
    [InlineData("Tenants:demo:Agents:boss:ApiKey", "short", "Tenants:demo:Agents:boss:ApiKey must be set")]
    [InlineData("Tenants:demo:Nodes:boss-mac:Url", "not a url", "Tenants:demo:Nodes:boss-mac:Url must be an absolute http(s) URL")]
    [InlineData("Tenants:demo:Numbers:0:Number", "12", "Tenants:demo:Numbers:0:Number is not a dialable number")]
    [InlineData("Tenants:demo:Numbers:1:Default", "true", "at most one number can be the Default")]
    [InlineData("Tenants:demo:StateMap:IN", "+19995550100", "Tenants:demo:StateMap:IN must name one of")]
    public void Validation_BrokenSetting_FailsNamingIt(string key, string value, string message)
    {
        var errors = Validate(new() { [key] = value }, "Development");
        Assert.Contains(errors, e => e.Contains(message, StringComparison.Ordinal));
    }

    /// <summary>Binds the shipped appsettings.json plus overrides and runs the gateway's own validators.</summary>
    private static List<string> Validate(Dictionary<string, string?> overrides, string environment)
    {
        var configuration = new ConfigurationBuilder()
            .AddJsonFile(Path.Combine(AppContext.BaseDirectory, "appsettings.json"))
            .AddInMemoryCollection(overrides)
            .Build();
        var services = new ServiceCollection();
        services.AddSingleton<IConfiguration>(configuration);
        services.AddSingleton<IHostEnvironment>(new Microsoft.Extensions.Hosting.Internal.HostingEnvironment { EnvironmentName = environment });
        services.AddOptions<TenantsOptions>().BindConfiguration(TenantsOptions.Section);
        services.AddSingleton<IValidateOptions<TenantsOptions>, TenantsOptionsValidator>();
        services.AddOptions<MacNodeOptions>().BindConfiguration(MacNodeOptions.Section).ValidateDataAnnotations();
        using var provider = services.BuildServiceProvider();
        var errors = new List<string>();
        foreach (var read in new Action[] { () => _ = provider.GetRequiredService<IOptions<TenantsOptions>>().Value, () => _ = provider.GetRequiredService<IOptions<MacNodeOptions>>().Value })
        {
            try
            {
                read();
            }
            catch (OptionsValidationException invalid)
            {
                errors.AddRange(invalid.Failures);
            }
        }
        return errors;
    }

    private async Task<(int ExitCode, string Output)> RunGatewayProcessAsync(string environment)
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Softphone.Gateway.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = _folder,
            Environment =
            {
                ["ASPNETCORE_ENVIRONMENT"] = environment,
                ["DOTNET_ENVIRONMENT"] = environment,
                ["Storage__Path"] = Path.Combine(_folder, "process.db"),
                ["Gateway__Urls"] = $"http://127.0.0.1:{FreePort.Next()}",
            },
        };
        using var process = Process.Start(start)!;
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60), TimeProvider.System);
        try
        {
            await process.WaitForExitAsync(timeout.Token);
        }
        catch (OperationCanceledException)
        {
            process.Kill(entireProcessTree: true);
            Assert.Fail("the gateway did not exit: it started with the development keys");
        }
        return (process.ExitCode, await stdout + await stderr);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        Directory.Delete(_folder, recursive: true);
    }
}
