using Softphone.Shared.Phones;

namespace Softphone.MacNodeAgent.Dialing;

/// <summary>Used where there is no iPhone to hand to (not macOS, or by choice): logs what it would dial.</summary>
internal sealed partial class DryRunDialer(ILogger<DryRunDialer> logger) : IDialer
{
    public string Name => "dry-run";

    public bool IsReady => true;

    public Task DialAsync(string e164, CancellationToken cancellationToken)
    {
        LogDryRun(E164Number.Mask(e164));
        return Task.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "DRY RUN: would dial {Number} on the iPhone now (set MacNodeAgent:Dialer:Mode to command on a Mac)")]
    private partial void LogDryRun(string number);
}
