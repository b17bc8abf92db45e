using Microsoft.Extensions.Options;
using Softphone.Shared.Signing;

namespace Softphone.Gateway.MacNode;

/// <summary>
/// Checks the node's signature on every answer to a signed request (after <see cref="NodeSigningHandler"/>
/// signed it): an answer without a valid signature for that very request — a process squatting the
/// agent's port, anything on the path — is refused with <see cref="NodeAnswerForgedException"/>, which
/// the dial treats as "outcome unknown" (never "dialed", never "certainly not dialed").
/// </summary>
internal sealed class NodeResponseVerifier(IOptions<MacNodeOptions> options, TimeProvider timeProvider) : DelegatingHandler
{
    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!request.Options.TryGetValue(NodeSigningHandler.Credentials, out var credentials)
            || !request.Headers.TryGetValues(NodeSignature.SignatureHeader, out var sent)
            || response.StatusCode is System.Net.HttpStatusCode.Unauthorized or System.Net.HttpStatusCode.Forbidden)
        {
            // 401/403: the agent refused our signature before doing anything; it cannot sign that answer with a
            // secret the two sides do not share. Taken as "not dialed" (see MacNodes) and as a failure by the breaker.
            return response;
        }
        await response.Content.LoadIntoBufferAsync(cancellationToken).ConfigureAwait(false);
        var body = await response.Content.ReadAsByteArrayAsync(cancellationToken).ConfigureAwait(false);
        var result = NodeSignature.VerifyResponse(credentials.Secret, sent.First(), (int)response.StatusCode, credentials.NodeId,
            Header(response, NodeSignature.TimestampHeader), Header(response, NodeSignature.SignatureHeader), body,
            timeProvider.GetUtcNow(), options.Value.ReplayWindow);
        if (result != NodeSignatureResult.Valid)
        {
            var status = (int)response.StatusCode;
            response.Dispose();
            throw new NodeAnswerForgedException($"answer {status} not signed by node {credentials.NodeId} ({result})");
        }
        return response;
    }

    private static string? Header(HttpResponseMessage response, string name) =>
        response.Headers.TryGetValues(name, out var values) ? values.FirstOrDefault() : null;
}
