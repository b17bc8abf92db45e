namespace Softphone.Gateway.MacNode;

/// <summary>
/// An answer that does not carry the node's signature for the request it answers. The request may still
/// have reached the real agent (something on the path answered instead), so its outcome is unknown.
/// </summary>
internal sealed class NodeAnswerForgedException(string message) : HttpRequestException(HttpRequestError.InvalidResponse, message);
