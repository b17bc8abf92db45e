namespace Softphone.Shared.NodeProtocol;

/// <summary>The most recent dial a node made.</summary>
/// <param name="CallId">The call id dialed.</param>
/// <param name="At">When.</param>
/// <param name="Succeeded">Whether the dialer reported success.</param>
/// <param name="Error">The dialer's failure, if any (never contains the number).</param>
public sealed record LastDialReport(string CallId, DateTimeOffset At, bool Succeeded, string? Error);
