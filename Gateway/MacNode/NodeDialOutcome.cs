namespace Softphone.Gateway.MacNode;

/// <summary>The outcome, its cause, a machine-readable detail (e.g. <c>node-refused:dialer-not-ready</c>), and how many attempts it took.</summary>
internal sealed record NodeDialOutcome(NodeDialResult Result, NodeDialCause Cause, string Detail, int Attempts, DateTimeOffset? DialedAt = null)
{
    public static NodeDialOutcome Of(NodeDialResult result, NodeDialCause cause, string? detail = null, DateTimeOffset? dialedAt = null) =>
        new(result, cause, detail ?? cause.Reason(), 1, dialedAt);
}
