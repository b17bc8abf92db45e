using System.Diagnostics;
using System.Net;
using System.Text;
using System.Text.Json;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Signing;
using Softphone.Tests;

namespace Softphone.MacNodeAgent.Tests.Security;

/// <summary>What an unauthenticated caller on the agent's port can and cannot get out of it.</summary>
public sealed class AgentHardeningTests
{
    [Fact]
    public async Task Health_PercentEncodedPath_SignedAsSent_Accepted()
    {
        await using var agent = await AgentFixture.StartAsync();
        const string target = "/he%61lth"; // routed as /health
        var at = TimeProvider.System.GetUtcNow().ToUnixTimeSeconds();

        // The gateway signs the target as it sends it (proxied paths keep their encoding); the agent must check that.
        var status = await Softphone.Tests.RawHttp.SendAsync(agent.Port, "GET", target, new Dictionary<string, string>
        {
            [NodeSignature.NodeHeader] = "boss-mac",
            [NodeSignature.TimestampHeader] = at.ToString(System.Globalization.CultureInfo.InvariantCulture),
            [NodeSignature.SignatureHeader] = NodeSignature.Compute(AgentFixture.Secret, "GET", target, "boss-mac", at, []),
        });

        Assert.Equal(200, status);
    }

    [Fact]
    public async Task Rejected_Signature_DetailDoesNotSayWhichPartWasWrong()
    {
        await using var agent = await AgentFixture.StartAsync();
        using var client = agent.SignedClient(secret: "a-wrong-secret-for-this-node");

        using var response = await client.GetAsync("health");
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.Unauthorized, response.StatusCode);
        Assert.Contains("bad-signature", body);
        Assert.DoesNotContain("Mismatch", body);
        Assert.DoesNotContain("Stale", body);
    }

    [Fact]
    public async Task Dial_ChunkedBodyOverTheCap_413ProblemDetails_NoStackTraceEvenInDevelopment()
    {
        await using var agent = await AgentFixture.StartAsync();
        using var client = agent.PlainClient();
        // No Content-Length: the agent only finds out while reading, past its cap.
        using var response = await OversizedBody.SendAsync(client, () =>
        {
            var content = new StreamContent(new MemoryStream(new byte[200 * 1024]));
            content.Headers.ContentType = new("application/json");
            return new HttpRequestMessage(HttpMethod.Post, "dial") { Content = content };
        });
        var body = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.DoesNotContain("   at ", body);
        Assert.DoesNotContain(".cs:line", body);
        Assert.Empty(agent.Dialer.Dialed);
    }

    [Fact]
    public async Task Dial_MalformedChunkedBody_4xxProblem_NeverTheDeveloperPage()
    {
        await using var agent = await AgentFixture.StartAsync(); // the test agent runs in Development

        var (status, text) = await Softphone.Tests.RawHttp.ExchangeAsync(agent.Port, "POST", "/dial", new Dictionary<string, string>
        {
            ["Transfer-Encoding"] = "chunked",
            ["Content-Type"] = "application/json",
        }, Encoding.ASCII.GetBytes("zz\r\nnot a chunk\r\n0\r\n\r\n"));

        Assert.Equal(400, status);
        Assert.Contains("application/problem+json", text);
        Assert.DoesNotContain("   at ", text);
        Assert.DoesNotContain(".cs", text);
        Assert.DoesNotContain("<html", text, StringComparison.OrdinalIgnoreCase);
    }

    [Fact]
    public async Task Dial_DeclaredBodyOverTheCap_413BeforeReading()
    {
        await using var agent = await AgentFixture.StartAsync();
        using var client = agent.PlainClient();

        using var response = await client.PostAsync("dial", new ByteArrayContent(new byte[64 * 1024]));

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        Assert.Contains("body-too-large", await response.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task Dial_DialerCommandCannotStart_RefusedAndARetryIsRefusedToo()
    {
        // A command that exists but cannot be executed: Process.Start throws, nothing is handed to the phone.
        var folder = Directory.CreateTempSubdirectory("agent-dialer-").FullName;
        var command = Path.Combine(folder, "not-executable");
        await File.WriteAllTextAsync(command, "this is not a program");
        await using var agent = await AgentFixture.StartAsync(new Dictionary<string, string?>
        {
            ["MacNodeAgent:Dialer:Mode"] = "command",
            ["MacNodeAgent:Dialer:Command"] = command,
        }, useConfiguredDialer: true);

        using var first = await agent.DialAsync("call-cannot-start", "+16305550100");
        using var retry = await agent.DialAsync("call-cannot-start", "+16305550100");

        Assert.Equal(HttpStatusCode.Conflict, first.StatusCode);
        var answer = await AgentFixture.ReadAsync(first);
        Assert.Equal(DialStatus.Refused, answer.Status);
        Assert.Equal("dialer-failed", answer.Reason);
        Assert.Equal(DialStatus.Refused, (await AgentFixture.ReadAsync(retry)).Status);
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task AgentProcess_BrokenSettings_Exits78_OneLinePerSettingAndNothingElse()
    {
        var start = new ProcessStartInfo("dotnet", [Path.Combine(AppContext.BaseDirectory, "Softphone.MacNodeAgent.dll")])
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            WorkingDirectory = Path.GetTempPath(),
            Environment =
            {
                ["DOTNET_ENVIRONMENT"] = "Production",
                ["MacNodeAgent__HeartbeatInterval"] = "often",
                ["MacNodeAgent__Dialer__Mode"] = "sometimes",
            },
        };
        using var process = Process.Start(start)!;
        var output = new StringBuilder();
        var stdout = process.StandardOutput.ReadToEndAsync();
        var stderr = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60), TimeProvider.System);
        await process.WaitForExitAsync(timeout.Token);
        output.Append(await stdout).Append(await stderr);

        var lines = output.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries).Order(StringComparer.Ordinal).ToList();
        Assert.Equal(78, process.ExitCode);
        Assert.Collection(lines,
            line => Assert.Equal("MacNodeAgent:Dialer:Mode must be auto, command or dry-run.", line.Replace("MacNodeAgent:Dialer:Mode: ", "", StringComparison.Ordinal)),
            line => Assert.Equal("MacNodeAgent:HeartbeatInterval: 'often' is not a valid TimeSpan.", line));
    }
}
