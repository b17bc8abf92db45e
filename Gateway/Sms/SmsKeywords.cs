namespace Softphone.Gateway.Sms;

/// <summary>
/// Twilio's Advanced Opt-Out default keywords, matched on the whole message, case-insensitive, surrounding
/// white space ignored ("stop texting me" is not a keyword).
/// </summary>
internal static class SmsKeywords
{
    private static readonly HashSet<string> OptOut = new(StringComparer.OrdinalIgnoreCase) { "STOP", "STOPALL", "UNSUBSCRIBE", "CANCEL", "END", "QUIT", "REVOKE", "OPTOUT" };
    private static readonly HashSet<string> OptIn = new(StringComparer.OrdinalIgnoreCase) { "START", "YES", "UNSTOP" };
    private static readonly HashSet<string> Help = new(StringComparer.OrdinalIgnoreCase) { "HELP", "INFO" };

    /// <summary><c>opt-out</c>, <c>opt-in</c>, <c>help</c>, or null.</summary>
    public static string? Classify(string? body)
    {
        var word = body?.Trim();
        if (string.IsNullOrEmpty(word))
        {
            return null;
        }
        return OptOut.Contains(word) ? "opt-out" : OptIn.Contains(word) ? "opt-in" : Help.Contains(word) ? "help" : null;
    }
}
