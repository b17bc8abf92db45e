namespace Softphone.Gateway.MacNode;


/// <summary>The outcome, a stable machine-readable detail, and how many attempts it took.</summary>
internal sealed record NodeDialOutcome(NodeDialResult Result, string Detail, int Attempts, DateTimeOffset? DialedAt = null);
