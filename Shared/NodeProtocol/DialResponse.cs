namespace Softphone.Shared.NodeProtocol;

/// <summary>The node's answer to <c>POST /dial</c>.</summary>
/// <param name="CallId">Echo of the request's call id.</param>
/// <param name="Status">What the node did.</param>
/// <param name="DialedAt">When the call id was first dialed (null when refused).</param>
/// <param name="Reason">Why it refused, machine-readable (e.g. <c>dialer-not-ready</c>, <c>dialer-failed</c>).</param>
public sealed record DialResponse(string CallId, DialStatus Status, DateTimeOffset? DialedAt, string? Reason = null);
