namespace Softphone.Gateway.Twilio;

/// <summary>A call resource as Twilio returns it (the fields the gateway uses).</summary>
internal sealed record TwilioCall(string Sid, string Status, string? To, string? From, string? Direction);
