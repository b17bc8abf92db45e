namespace Softphone.Shared.Signing;

/// <summary>A node id and its shared secret. <see cref="ToString"/> never shows the secret.</summary>
public sealed class NodeCredentials
{
    /// <summary>Creates credentials.</summary>
    public NodeCredentials(string nodeId, string secret)
    {
        ArgumentException.ThrowIfNullOrEmpty(nodeId);
        ArgumentException.ThrowIfNullOrEmpty(secret);
        NodeId = nodeId;
        Secret = secret;
    }

    /// <summary>The node id.</summary>
    public string NodeId { get; }

    /// <summary>The shared secret.</summary>
    public string Secret { get; }

    /// <inheritdoc />
    public override string ToString() => $"{NodeId} (secret hidden)";
}
