using System.Net.Http.Json;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Signing;
using Softphone.Tests;

namespace Softphone.MacNodeAgent.Tests;

/// <summary>A real agent on loopback per test, with its own state folder, and a gateway-side signed client.</summary>
internal sealed class AgentFixture : IAsyncDisposable
{
    public const string Secret = "test-node-secret";

    private AgentFixture(string stateDirectory, int port)
    {
        StateDirectory = stateDirectory;
        Port = port;
    }

    public string StateDirectory { get; }
    public int Port { get; }
    public RecordingDialer Dialer { get; } = new();
    public RunningAgent? Agent { get; private set; }

    /// <param name="settings">Configuration on top of the agent's defaults.</param>
    /// <param name="useConfiguredDialer">Use the dialer the configuration names instead of the <see cref="RecordingDialer"/>.</param>
    public static async Task<AgentFixture> StartAsync(IDictionary<string, string?>? settings = null, bool useConfiguredDialer = false)
    {
        var fixture = new AgentFixture(Directory.CreateTempSubdirectory("agent-test-").FullName, FreePort.Next());
        await fixture.RestartAsync(settings, useConfiguredDialer);
        return fixture;
    }

    public async Task RestartAsync(IDictionary<string, string?>? settings = null, bool useConfiguredDialer = false)
    {
        if (Agent is not null)
        {
            await Agent.DisposeAsync();
        }
        Agent = await RunningAgent.StartAsync(Port, useConfiguredDialer ? null : Dialer, StateDirectory, secret: Secret, settings: settings);
    }

    public HttpClient SignedClient(string secret = Secret, string nodeId = "boss-mac") =>
        new(new SigningClientHandler(new NodeCredentials(nodeId, secret))) { BaseAddress = new Uri($"http://127.0.0.1:{Port}/") };

    public HttpClient PlainClient() => new() { BaseAddress = new Uri($"http://127.0.0.1:{Port}/") };

    public async Task<HttpResponseMessage> DialAsync(string callId, string to, HttpClient? client = null)
    {
        using var own = client is null ? SignedClient() : null;
        return await (client ?? own!).PostAsync("dial", new ByteArrayContent(NodeJson.Serialize(new DialRequest(callId, to))));
    }

    public static async Task<DialResponse> ReadAsync(HttpResponseMessage response) =>
        (await response.Content.ReadFromJsonAsync<DialResponse>(NodeJson.Options))!;

    public async ValueTask DisposeAsync()
    {
        if (Agent is not null)
        {
            await Agent.DisposeAsync();
        }
        Directory.Delete(StateDirectory, recursive: true);
    }

    /// <summary>Signs every request with fixed credentials (as the gateway's typed client does).</summary>
    private sealed class SigningClientHandler : DelegatingHandler
    {
        private readonly NodeCredentials _credentials;

        public SigningClientHandler(NodeCredentials credentials) : base(new NodeSigningHandler(TimeProvider.System) { InnerHandler = new SocketsHttpHandler() })
        {
            _credentials = credentials;
        }

        protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            request.Options.Set(NodeSigningHandler.Credentials, _credentials);
            return base.SendAsync(request, cancellationToken);
        }
    }
}
