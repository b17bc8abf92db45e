namespace Softphone.Gateway.Compliance;

/// <summary>
/// Whether "now" lies inside a daily window (e.g. 08:00–21:00) in every one of the contact's possible
/// time zones — the later-starting, earlier-ending intersection — and if not, the next instant it does.
/// Daylight-saving changes are handled by converting each day's local window with that day's rules.
/// </summary>
internal static class ContactHours
{
    public static (bool Allowed, DateTimeOffset NextAllowed) Check(IReadOnlyList<TimeZoneInfo> zones, TimeSpan start, TimeSpan end, DateTimeOffset now)
    {
        if (end - start >= TimeSpan.FromDays(1))
        {
            return (true, now);
        }
        var firstDate = DateOnly.FromDateTime(TimeZoneInfo.ConvertTime(now, zones[0]).DateTime);
        for (var day = -1; day <= 8; day++)
        {
            var date = firstDate.AddDays(day);
            var opens = DateTimeOffset.MinValue;
            var closes = DateTimeOffset.MaxValue;
            foreach (var zone in zones)
            {
                var (zoneOpens, zoneCloses) = (ToUtc(date, start, zone), ToUtc(date, end, zone));
                opens = zoneOpens > opens ? zoneOpens : opens;
                closes = zoneCloses < closes ? zoneCloses : closes;
            }
            if (opens >= closes || closes <= now)
            {
                continue;
            }
            return opens <= now ? (true, now) : (false, opens);
        }
        return (false, now.AddDays(1));
    }

    private static DateTimeOffset ToUtc(DateOnly date, TimeSpan time, TimeZoneInfo zone)
    {
        var local = date.ToDateTime(TimeOnly.MinValue).Add(time);
        // A local time skipped by a daylight-saving jump (never 08:00 or 21:00 in North America) moves on an hour.
        while (zone.IsInvalidTime(local))
        {
            local = local.AddHours(1);
        }
        return new DateTimeOffset(TimeZoneInfo.ConvertTimeToUtc(local, zone), TimeSpan.Zero);
    }
}
