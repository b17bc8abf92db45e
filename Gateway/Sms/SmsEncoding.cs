namespace Softphone.Gateway.Sms;

/// <summary>A message's encoding (<c>GSM-7</c> or <c>UCS-2</c>), its segment count, and its length in septets (GSM-7) or characters (UCS-2).</summary>
internal sealed record SmsEncoding(string Encoding, int Segments, int Characters);
