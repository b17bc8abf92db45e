namespace Softphone.Gateway.MacNode;

/// <summary>A node went up or down.</summary>
internal sealed record NodeTransition(string TenantId, string NodeId, DateTimeOffset At, string FromState, string ToState, string Reason);
