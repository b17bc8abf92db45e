using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;
using Softphone.Gateway.MacNode;

namespace Softphone.Gateway.Tests.MacNode;

/// <summary>"Certainly not delivered" is the only licence to place a press elsewhere: nothing uncertain may pass as it.</summary>
public sealed class NodeFailuresTests
{
    public static TheoryData<string, Exception, bool> Failures => new()
    {
        { "circuit open", new BrokenCircuitException(), true },
        { "connect refused", new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused)), true },
        { "name not resolved", new HttpRequestException(HttpRequestError.NameResolutionError, "no such host"), true },
        { "refused socket under an unknown error", new HttpRequestException("x", new SocketException((int)SocketError.ConnectionRefused)), true },
        { "host unreachable", new HttpRequestException("x", new SocketException((int)SocketError.HostUnreachable)), true },
        { "attempt timed out", new TimeoutRejectedException(), false },
        { "response ended", new HttpRequestException(HttpRequestError.ResponseEnded, "ended"), false },
        { "connection reset after sending", new HttpRequestException("x", new IOException("reset", new SocketException((int)SocketError.ConnectionReset))), false },
        { "io", new IOException("broken pipe"), false },
        { "cancelled", new TaskCanceledException(), false },
    };

    [Theory]
    [MemberData(nameof(Failures))]
    public void CertainlyNotDelivered_OnlyWhenNothingCanHaveReachedTheAgent(string what, Exception failure, bool certain) =>
        Assert.True(NodeFailures.CertainlyNotDelivered(failure) == certain, what);

    [Fact]
    public void Describe_IsShortAndNamesTheKind()
    {
        Assert.Equal("circuit open", NodeFailures.Describe(new BrokenCircuitException()));
        Assert.Equal("timed out", NodeFailures.Describe(new TimeoutRejectedException()));
        Assert.StartsWith("connection failed: ", NodeFailures.Describe(new HttpRequestException(HttpRequestError.ConnectionError, "refused", new SocketException((int)SocketError.ConnectionRefused))));
        Assert.Equal("IOException", NodeFailures.Describe(new IOException("details that stay in the log")));
    }
}
