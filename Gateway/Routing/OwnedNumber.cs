namespace Softphone.Gateway.Routing;

/// <summary>One of the business's Twilio numbers.</summary>
internal sealed class OwnedNumber
{
    public string E164 { get; init; } = "";
    public string? State { get; init; }
    public bool IsDefault { get; init; }
}
