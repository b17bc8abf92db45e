namespace Softphone.Gateway.Twilio;

/// <summary>A number that can be bought.</summary>
internal sealed record AvailableNumber(string PhoneNumber, string? FriendlyName, string? Locality, string? Region, bool Voice, bool Sms, bool Mms);
