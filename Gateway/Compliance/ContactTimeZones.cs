using System.Collections.Frozen;
using Softphone.Gateway.Numbers;

namespace Softphone.Gateway.Compliance;

/// <summary>
/// The time zones a contact may be in: by the lead's state, else by the area code's state. States that
/// span zones (or, like Arizona, differ on daylight saving) list each, so the calling window is their
/// intersection. Unknown → the four continental US zones (the safe intersection).
/// </summary>
internal static class ContactTimeZones
{
    private const string Eastern = "America/New_York", Central = "America/Chicago", Mountain = "America/Denver", Pacific = "America/Los_Angeles";

    private static readonly FrozenDictionary<string, string[]> ByState = new Dictionary<string, string[]>
    {
        ["AL"] = [Central], ["AK"] = ["America/Anchorage", "America/Adak"], ["AZ"] = ["America/Phoenix", Mountain], ["AR"] = [Central],
        ["CA"] = [Pacific], ["CO"] = [Mountain], ["CT"] = [Eastern], ["DE"] = [Eastern], ["DC"] = [Eastern], ["FL"] = [Eastern, Central],
        ["GA"] = [Eastern], ["HI"] = ["Pacific/Honolulu"], ["ID"] = ["America/Boise", Pacific], ["IL"] = [Central],
        ["IN"] = ["America/Indiana/Indianapolis", Central], ["IA"] = [Central], ["KS"] = [Central, Mountain], ["KY"] = [Eastern, Central],
        ["LA"] = [Central], ["ME"] = [Eastern], ["MD"] = [Eastern], ["MA"] = [Eastern], ["MI"] = ["America/Detroit", "America/Menominee"],
        ["MN"] = [Central], ["MS"] = [Central], ["MO"] = [Central], ["MT"] = [Mountain], ["NE"] = [Central, Mountain], ["NV"] = [Pacific, Mountain],
        ["NH"] = [Eastern], ["NJ"] = [Eastern], ["NM"] = [Mountain], ["NY"] = [Eastern], ["NC"] = [Eastern], ["ND"] = [Central, Mountain],
        ["OH"] = [Eastern], ["OK"] = [Central], ["OR"] = [Pacific, "America/Boise"], ["PA"] = [Eastern], ["RI"] = [Eastern], ["SC"] = [Eastern],
        ["SD"] = [Central, Mountain], ["TN"] = [Central, Eastern], ["TX"] = [Central, Mountain], ["UT"] = [Mountain], ["VT"] = [Eastern],
        ["VA"] = [Eastern], ["WA"] = [Pacific], ["WV"] = [Eastern], ["WI"] = [Central], ["WY"] = [Mountain],
        ["PR"] = ["America/Puerto_Rico"], ["VI"] = ["America/St_Thomas"], ["GU"] = ["Pacific/Guam"], ["MP"] = ["Pacific/Saipan"], ["AS"] = ["Pacific/Pago_Pago"],
        ["AB"] = ["America/Edmonton"], ["BC"] = ["America/Vancouver", "America/Creston"], ["MB"] = ["America/Winnipeg"], ["NB"] = ["America/Moncton"],
        ["NL"] = ["America/St_Johns"], ["NS"] = ["America/Halifax"], ["PE"] = ["America/Halifax"], ["ON"] = ["America/Toronto", "America/Winnipeg"],
        ["QC"] = ["America/Toronto"], ["SK"] = ["America/Regina"], ["YT"] = ["America/Whitehorse"], ["NT"] = ["America/Edmonton"],
        ["NU"] = ["America/Iqaluit", "America/Winnipeg", "America/Edmonton"],
    }.ToFrozenDictionary(StringComparer.Ordinal);

    private static readonly string[] Unknown = [Eastern, Central, Mountain, Pacific];

    /// <summary>The zones and where they came from (<c>lead-state</c>, <c>area-code</c>, <c>unknown</c>).</summary>
    public static (IReadOnlyList<TimeZoneInfo> Zones, string Source) For(string? leadState, string? areaCode)
    {
        if (leadState is not null && ByState.TryGetValue(leadState, out var byLead))
        {
            return (Resolve(byLead), "lead-state");
        }
        if (AreaCodes.StateOf(areaCode) is { } state && ByState.TryGetValue(state, out var byCode))
        {
            return (Resolve(byCode), "area-code");
        }
        return (Resolve(Unknown), "unknown");
    }

    public static IReadOnlyCollection<string> States => ByState.Keys;

    private static TimeZoneInfo[] Resolve(string[] ids) => ids.Select(TimeZoneInfo.FindSystemTimeZoneById).ToArray();
}
