namespace Softphone.Gateway.Sms;

/// <summary>Twilio error codes on failed/undelivered texts, mapped to what the agent can do about them.</summary>
internal static class SmsErrors
{
    /// <summary>"Attempt to send to unsubscribed recipient": the contact replied STOP.</summary>
    public const int OptedOut = 21610;

    public static string Reason(int? code) => code switch
    {
        OptedOut => "recipient-opted-out",
        30034 or 30035 => "unregistered-10dlc",
        30007 => "carrier-filtered",
        21211 or 21614 => "invalid-number",
        30003 or 30005 => "unreachable-handset",
        30006 => "landline-or-unreachable-carrier",
        30004 => "blocked",
        null => "unknown",
        _ => $"twilio-{code}",
    };

    public static string Advice(string reason) => reason switch
    {
        "recipient-opted-out" => "The contact replied STOP; do not text again unless they reply START.",
        "unregistered-10dlc" => "The sending number is not registered for A2P 10DLC; finish the campaign registration.",
        "carrier-filtered" => "The carrier filtered the message as spam; change the wording and avoid link shorteners.",
        "invalid-number" => "The number is not a valid mobile number.",
        _ => "See Twilio's error page for the code.",
    };
}
