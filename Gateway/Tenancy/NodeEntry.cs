using Softphone.Shared.Signing;

namespace Softphone.Gateway.Tenancy;

/// <summary>A configured Mac node. For a tunnel <see cref="Url"/> names the node's tunnel (see <see cref="TunnelHost"/>).</summary>
internal sealed record NodeEntry(string TenantId, string NodeId, string? AgentId, Uri Url, NodeCredentials Credentials, bool Tunnel = false)
{
    /// <summary>The host part of a tunnelled node's URL: requests to it go through the node's tunnel, never DNS.</summary>
    public const string TunnelHost = ".tunnel.invalid";

    public static Uri TunnelUrl(string nodeId) => new($"http://{nodeId}{TunnelHost}/");
}
