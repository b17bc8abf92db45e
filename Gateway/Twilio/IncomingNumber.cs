namespace Softphone.Gateway.Twilio;

/// <summary>A number the account owns, with its webhook URLs.</summary>
internal sealed record IncomingNumber(string Sid, string PhoneNumber, string? VoiceUrl, string? SmsUrl, string? StatusCallback);
