namespace Softphone.Gateway.Tests.Support;

/// <summary>
/// A one-minute daily window two hours away from the present in Chicago (all test leads are in IL):
/// whatever the hour the tests run, "now" is outside it. The wall clock is read only to place the window.
/// </summary>
internal static class ClosedHours
{
    public static Dictionary<string, string?> For(string section)
    {
        var chicago = TimeZoneInfo.ConvertTime(TimeProvider.System.GetUtcNow(), TimeZoneInfo.FindSystemTimeZoneById("America/Chicago"));
        var start = TimeSpan.FromMinutes(Math.Floor((chicago.TimeOfDay + TimeSpan.FromHours(2)).TotalMinutes % (24 * 60 - 2)));
        return new Dictionary<string, string?>
        {
            [$"Compliance:{section}:Start"] = start.ToString("c"),
            [$"Compliance:{section}:End"] = (start + TimeSpan.FromMinutes(1)).ToString("c"),
        };
    }
}
