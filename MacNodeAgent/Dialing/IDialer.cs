namespace Softphone.MacNodeAgent.Dialing;

/// <summary>Hands a number to the phone. The one seam to the outside world (the iPhone).</summary>
internal interface IDialer
{
    /// <summary><c>command</c> or <c>dry-run</c>.</summary>
    string Name { get; }

    /// <summary>Whether a dial can be attempted now.</summary>
    bool IsReady { get; }

    /// <summary>Dials; throws <see cref="DialerException"/> when the number certainly did not reach the phone.</summary>
    Task DialAsync(string e164, CancellationToken cancellationToken);
}
