namespace Softphone.Gateway.Twilio;

/// <summary>The webhook URLs a number is pointed at.</summary>
internal sealed record NumberWebhooks(string VoiceUrl, string SmsUrl, string StatusCallback);
