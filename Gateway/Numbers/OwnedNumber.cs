namespace Softphone.Gateway.Numbers;

/// <summary>One of the business's Twilio numbers.</summary>
internal sealed class OwnedNumber
{
    public string E164 { get; init; } = "";
    public string? State { get; init; }
    public bool IsDefault { get; init; }

    /// <summary>Twilio's <c>PN…</c> SID; null for numbers only configured, never bought or configured through the API.</summary>
    public string? Sid { get; init; }

    /// <summary>Whether texts may be sent from it.</summary>
    public bool SmsEnabled { get; init; } = true;
}
