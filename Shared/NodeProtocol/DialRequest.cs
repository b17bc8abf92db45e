namespace Softphone.Shared.NodeProtocol;

/// <summary>The gateway asks a Mac node to dial (<c>POST /dial</c>). The node dials each <see cref="CallId"/> at most once.</summary>
/// <param name="CallId">The gateway's call id; the node's idempotency key, remembered across restarts.</param>
/// <param name="To">The lead's number in E.164.</param>
/// <param name="LeadName">Shown in the node's log only; optional.</param>
public sealed record DialRequest(string CallId, string To, string? LeadName = null);
