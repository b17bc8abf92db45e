namespace Softphone.Gateway.MacNode;

/// <summary>A connection to a tunnelled node was asked for while it had no tunnel (free) to give.</summary>
internal sealed class NoTunnelException(string message) : HttpRequestException(HttpRequestError.ConnectionError, message);
