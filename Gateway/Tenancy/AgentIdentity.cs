namespace Softphone.Gateway.Tenancy;

/// <summary>Who is calling <c>/api/*</c>: the tenant and agent their API key names, and the agent's Mac node.</summary>
internal sealed record AgentIdentity(string TenantId, string AgentId, string? NodeId);
