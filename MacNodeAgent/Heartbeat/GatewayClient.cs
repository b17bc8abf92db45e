using Microsoft.Extensions.Options;
using Softphone.MacNodeAgent.Hosting;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Signing;

namespace Softphone.MacNodeAgent.Heartbeat;

/// <summary>The agent's signed link to the gateway.</summary>
internal sealed class GatewayClient(HttpClient http, IOptions<AgentOptions> options)
{
    private readonly NodeCredentials _credentials = new(options.Value.NodeId, options.Value.Secret);

    public async Task SendHeartbeatAsync(NodeStatusReport report, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, "api/node/heartbeat")
        {
            Content = new ByteArrayContent(NodeJson.Serialize(report)),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Options.Set(NodeSigningHandler.Credentials, _credentials);
        using var response = await http.SendAsync(request, cancellationToken).ConfigureAwait(false);
        response.EnsureSuccessStatusCode();
    }
}
