using System.Net.Sockets;
using Polly.CircuitBreaker;
using Polly.Timeout;

namespace Softphone.Gateway.MacNode;

/// <summary>Classifies failures on the node link: was the request certainly not delivered?</summary>
internal static class NodeFailures
{
    /// <summary>
    /// True when the request certainly never reached the agent: the circuit refused it, or no connection
    /// could be made (refused, unreachable, name not resolved). A timeout or a reset after the request
    /// was written is not certain.
    /// </summary>
    public static bool CertainlyNotDelivered(Exception exception) => exception switch
    {
        BrokenCircuitException => true,
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError or HttpRequestError.NameResolutionError } => true,
        HttpRequestException { InnerException: SocketException { SocketErrorCode: SocketError.ConnectionRefused or SocketError.HostUnreachable or SocketError.NetworkUnreachable } } => true,
        _ => false,
    };

    /// <summary>A short, number-free description for logs and <c>GET /api/nodes</c>.</summary>
    public static string Describe(Exception exception) => exception switch
    {
        BrokenCircuitException => "circuit open",
        NodeAnswerForgedException forged => forged.Message,
        TimeoutRejectedException => "timed out",
        HttpRequestException { HttpRequestError: HttpRequestError.ConnectionError } http => $"connection failed: {http.InnerException?.Message ?? http.Message}",
        HttpRequestException http => $"{http.HttpRequestError}: {http.Message}",
        _ => exception.GetType().Name,
    };
}
