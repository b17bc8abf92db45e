using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Console;

/// <summary>The <c>Console</c> section: the agent console's sign-in sessions and where the page loads Twilio's Voice SDK from.</summary>
internal sealed class ConsoleOptions
{
    public const string Section = "Console";

    /// <summary>How long a sign-in lasts (absolute, not sliding): a working day by default.</summary>
    public TimeSpan SessionLifetime { get; set; } = TimeSpan.FromHours(12);

    /// <summary>The session cookie's name.</summary>
    public string CookieName { get; set; } = "softphone_session";

    /// <summary>Twilio's Voice JavaScript SDK, pinned (loaded only in live mode). Any HTTPS URL serving the same file works.</summary>
    public string VoiceSdkUrl { get; set; } = "https://cdn.jsdelivr.net/npm/@twilio/voice-sdk@2.18.5/dist/twilio.min.js";

    /// <summary>Subresource Integrity of <see cref="VoiceSdkUrl"/>: the browser refuses any other bytes.</summary>
    public string VoiceSdkIntegrity { get; set; } = "sha384-LUG7DmzDPWNKRYoqyGpV4d/IByMLiya/oUhMSc/4/6hi0wbzO/8PffM4lzeFEYS8";
}

/// <summary>One line per bad console setting.</summary>
internal sealed class ConsoleOptionsValidator : IValidateOptions<ConsoleOptions>
{
    public ValidateOptionsResult Validate(string? name, ConsoleOptions options)
    {
        var errors = new List<string>();
        if (options.SessionLifetime < TimeSpan.FromMinutes(5) || options.SessionLifetime > TimeSpan.FromDays(30))
        {
            errors.Add($"Console:SessionLifetime: '{options.SessionLifetime}' must be between 00:05:00 and 30.00:00:00.");
        }
        if (string.IsNullOrWhiteSpace(options.CookieName) || !options.CookieName.All(c => char.IsAsciiLetterOrDigit(c) || c is '_' or '-'))
        {
            errors.Add($"Console:CookieName: '{options.CookieName}' must be ASCII letters, digits, '_' or '-'.");
        }
        if (!Uri.TryCreate(options.VoiceSdkUrl, UriKind.Absolute, out var sdk) || sdk.Scheme != Uri.UriSchemeHttps)
        {
            errors.Add($"Console:VoiceSdkUrl: '{options.VoiceSdkUrl}' must be an absolute https URL.");
        }
        if (!(options.VoiceSdkIntegrity.StartsWith("sha256-", StringComparison.Ordinal) || options.VoiceSdkIntegrity.StartsWith("sha384-", StringComparison.Ordinal)
            || options.VoiceSdkIntegrity.StartsWith("sha512-", StringComparison.Ordinal)))
        {
            errors.Add("Console:VoiceSdkIntegrity: must be a Subresource Integrity value (sha384-…) of the file at VoiceSdkUrl.");
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
