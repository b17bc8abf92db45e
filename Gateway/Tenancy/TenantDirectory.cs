using System.Security.Cryptography;
using System.Text;
using Microsoft.Extensions.Options;
using Softphone.Shared.Signing;

namespace Softphone.Gateway.Tenancy;

/// <summary>Read-only view of the configured tenants: API keys → agents, node ids → nodes.</summary>
internal sealed class TenantDirectory
{
    private readonly Dictionary<string, AgentIdentity> _agentsByKeyHash = new(StringComparer.Ordinal);
    private readonly Dictionary<string, NodeEntry> _nodes = new(StringComparer.Ordinal);

    public TenantDirectory(IOptions<TenantsOptions> options)
    {
        Tenants = options.Value;
        foreach (var (tenantId, tenant) in options.Value)
        {
            foreach (var (agentId, agent) in tenant.Agents)
            {
                _agentsByKeyHash[Hash(agent.ApiKey)] = new AgentIdentity(tenantId, agentId, agent.Node);
            }
            foreach (var (nodeId, node) in tenant.Nodes)
            {
                var agentId = tenant.Agents.FirstOrDefault(a => a.Value.Node == nodeId).Key;
                var tunnel = node.Link == "tunnel";
                var url = tunnel ? NodeEntry.TunnelUrl(nodeId) : new Uri(node.Url.EndsWith('/') ? node.Url : node.Url + "/");
                _nodes[nodeId] = new NodeEntry(tenantId, nodeId, agentId, url, new NodeCredentials(nodeId, node.Secret), tunnel);
            }
        }
    }

    public TenantsOptions Tenants { get; }

    public IEnumerable<NodeEntry> Nodes => _nodes.Values;

    public AgentIdentity? FindAgentByApiKey(string apiKey) =>
        string.IsNullOrEmpty(apiKey) ? null : _agentsByKeyHash.GetValueOrDefault(Hash(apiKey));

    /// <summary>The agent whose current API key has this hash (a console session opened with a rotated key finds no one).</summary>
    public AgentIdentity? FindAgentByKeyHash(string keyHash) => _agentsByKeyHash.GetValueOrDefault(keyHash);

    public NodeEntry? FindNode(string nodeId) => _nodes.GetValueOrDefault(nodeId);

    // Looked up by hash so the dictionary never compares a guessed key against a real one.
    private static string Hash(string apiKey) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(apiKey)));
}
