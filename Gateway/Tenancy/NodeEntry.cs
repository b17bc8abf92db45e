using Softphone.Shared.Signing;

namespace Softphone.Gateway.Tenancy;

/// <summary>A configured Mac node.</summary>
internal sealed record NodeEntry(string TenantId, string NodeId, string? AgentId, Uri Url, NodeCredentials Credentials);
