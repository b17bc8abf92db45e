namespace Softphone.Shared.Signing;

/// <summary>
/// Signs every outgoing request that carries <see cref="Credentials"/> in its options, so that callers
/// on either host never build signature headers by hand.
/// </summary>
public sealed class NodeSigningHandler(TimeProvider timeProvider) : DelegatingHandler
{
    /// <summary>The request option that names the node and secret to sign with.</summary>
    public static readonly HttpRequestOptionsKey<NodeCredentials> Credentials = new("Softphone.NodeCredentials");

    /// <inheritdoc />
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        if (request.Options.TryGetValue(Credentials, out var credentials))
        {
            var body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
            var timestamp = timeProvider.GetUtcNow().ToUnixTimeSeconds();
            var pathAndQuery = request.RequestUri!.PathAndQuery;
            var signature = NodeSignature.Compute(credentials.Secret, request.Method.Method, pathAndQuery, credentials.NodeId, timestamp, body);
            request.Headers.Remove(NodeSignature.NodeHeader);
            request.Headers.Add(NodeSignature.NodeHeader, credentials.NodeId);
            request.Headers.Add(NodeSignature.TimestampHeader, timestamp.ToString(System.Globalization.CultureInfo.InvariantCulture));
            request.Headers.Add(NodeSignature.SignatureHeader, signature);
        }

        return await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
    }
}
