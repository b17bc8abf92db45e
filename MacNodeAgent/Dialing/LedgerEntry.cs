namespace Softphone.MacNodeAgent.Dialing;

/// <summary>One line of the dial ledger. <c>dialing</c> is written (and flushed) before the dialer runs.</summary>
internal sealed record LedgerEntry(string CallId, DateTimeOffset At, string State, string? Error = null)
{
    public const string Dialing = "dialing";
    public const string Dialed = "dialed";
    public const string Failed = "failed";
}
