using System.Text.RegularExpressions;

namespace Softphone.Shared;

/// <summary>
/// Turns the framework's configuration errors into one line that starts with the setting's name, as both
/// hosts print them when they refuse to start.
/// </summary>
public static partial class ConfigurationFailure
{
    /// <summary>One line naming the setting, for a failure of the options bound to <paramref name="section"/>.</summary>
    public static string OneLine(string section, string failure)
    {
        failure = failure.ReplaceLineEndings(" ").Trim();
        if (DataAnnotation().Match(failure) is { Success: true } annotation)
        {
            var message = annotation.Groups["message"].Value;
            return message.StartsWith(section + ":", StringComparison.Ordinal)
                ? message
                : $"{section}:{annotation.Groups["member"].Value}: {message}";
        }
        if (Conversion().Match(failure) is { Success: true } conversion)
        {
            return $"{conversion.Groups["setting"].Value}: '{conversion.Groups["value"].Value}' is not a valid {conversion.Groups["type"].Value}.";
        }
        return failure;
    }

    [GeneratedRegex(@"\ADataAnnotation validation failed for '[^']*' members: '(?<member>[^']*)' with the error: '(?<message>.*)'\.\z")]
    private static partial Regex DataAnnotation();

    [GeneratedRegex(@"\AFailed to convert configuration value '(?<value>.*)' at '(?<setting>[^']*)' to type '(?:System\.)?(?<type>[^']*)'\.\z")]
    private static partial Regex Conversion();
}
