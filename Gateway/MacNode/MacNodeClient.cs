using Softphone.Gateway.Tenancy;
using Softphone.Shared.NodeProtocol;
using Softphone.Shared.Signing;

namespace Softphone.Gateway.MacNode;

/// <summary>Signed HTTP to a Mac node's agent. No retries here: the node's pipeline and the dialer decide.</summary>
internal sealed class MacNodeClient(HttpClient http)
{
    public async Task<HttpResponseMessage> GetHealthAsync(NodeEntry node, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, new Uri(node.Url, "health"));
        request.Options.Set(NodeSigningHandler.Credentials, node.Credentials);
        return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }

    public async Task<HttpResponseMessage> DialAsync(NodeEntry node, DialRequest dial, CancellationToken cancellationToken)
    {
        using var request = new HttpRequestMessage(HttpMethod.Post, new Uri(node.Url, "dial"))
        {
            Content = new ByteArrayContent(NodeJson.Serialize(dial)),
        };
        request.Content.Headers.ContentType = new("application/json");
        request.Options.Set(NodeSigningHandler.Credentials, node.Credentials);
        return await http.SendAsync(request, HttpCompletionOption.ResponseContentRead, cancellationToken).ConfigureAwait(false);
    }
}
