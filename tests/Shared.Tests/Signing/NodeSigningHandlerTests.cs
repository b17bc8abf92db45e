using System.Net;
using System.Text;
using Softphone.Shared.Signing;
using Softphone.Tests;

namespace Softphone.Shared.Tests.Signing;

public sealed class NodeSigningHandlerTests
{
    [Fact]
    public async Task SendAsync_WithCredentials_AddsHeadersThatVerify()
    {
        var clock = new ManualTimeProvider();
        var capture = new CapturingHandler();
        using var client = new HttpClient(new NodeSigningHandler(clock) { InnerHandler = capture });
        using var request = new HttpRequestMessage(HttpMethod.Post, "http://127.0.0.1:7890/dial?x=1") { Content = new StringContent("{\"a\":1}", Encoding.UTF8) };
        request.Options.Set(NodeSigningHandler.Credentials, new NodeCredentials("boss-mac", "a-shared-secret"));

        await client.SendAsync(request);

        var sent = capture.Request!;
        Assert.Equal("boss-mac", sent.Headers.GetValues(NodeSignature.NodeHeader).Single());
        var result = NodeSignature.Verify("a-shared-secret", "POST", "/dial?x=1", "boss-mac",
            sent.Headers.GetValues(NodeSignature.TimestampHeader).Single(), sent.Headers.GetValues(NodeSignature.SignatureHeader).Single(),
            capture.Body!, clock.GetUtcNow(), TimeSpan.FromSeconds(30));
        Assert.Equal(NodeSignatureResult.Valid, result);
    }

    [Fact]
    public async Task SendAsync_WithoutCredentials_SendsUnsigned()
    {
        var capture = new CapturingHandler();
        using var client = new HttpClient(new NodeSigningHandler(new ManualTimeProvider()) { InnerHandler = capture });
        await client.GetAsync("http://127.0.0.1:7890/health");
        Assert.False(capture.Request!.Headers.Contains(NodeSignature.SignatureHeader));
    }

    private sealed class CapturingHandler : HttpMessageHandler
    {
        public HttpRequestMessage? Request { get; private set; }
        public byte[]? Body { get; private set; }

        protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
        {
            Request = request;
            Body = request.Content is null ? [] : await request.Content.ReadAsByteArrayAsync(cancellationToken);
            return new HttpResponseMessage(HttpStatusCode.OK);
        }
    }
}
