using System.Globalization;

namespace Softphone.Gateway.Hosting;

/// <summary>
/// Optional number and yes/no query parameters, read from their raw text. The endpoints are generated at build
/// time (<c>EnableRequestDelegateGenerator</c>), and the generated binder answers a bare 400 for an unparsable
/// <c>int?</c> or <c>bool?</c> without saying which parameter; this throws the framework's own
/// <see cref="BadHttpRequestException"/> instead, so <see cref="BadRequestExceptionHandler"/> answers the same
/// ProblemDetails ("The value of 'page' is not valid.") as for every other parameter. Empty means "not given".
/// </summary>
internal static class QueryValues
{
    public static int? Int(string? raw, string name) =>
        string.IsNullOrEmpty(raw) ? null
        : int.TryParse(raw, NumberStyles.Integer, CultureInfo.InvariantCulture, out var value) ? value
        : throw Unbound("int?", name, raw);

    public static bool? Bool(string? raw, string name) =>
        string.IsNullOrEmpty(raw) ? null
        : bool.TryParse(raw, out var value) ? value
        : throw Unbound("bool?", name, raw);

    // The message the framework's binder uses, which the handler reads the parameter's name from.
    private static BadHttpRequestException Unbound(string type, string name, string raw) =>
        new($"Failed to bind parameter \"{type} {name}\" from \"{raw}\".");
}
