namespace Softphone.Gateway.Twilio;

/// <summary>A message resource as Twilio returns it.</summary>
internal sealed record TwilioMessage(string Sid, string Status, string? To, string? From, int? NumSegments, int? ErrorCode, string? ErrorMessage);
