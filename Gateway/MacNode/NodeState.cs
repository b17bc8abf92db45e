namespace Softphone.Gateway.MacNode;

/// <summary>A node's usability as routing sees it, with the reason and since when.</summary>
internal sealed record NodeState(bool IsUp, string Reason, DateTimeOffset Since)
{
    public string Name => IsUp ? "up" : "down";
}
