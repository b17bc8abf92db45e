using Softphone.Gateway.Compliance;
using Softphone.Gateway.Numbers;
using Softphone.Shared.Phones;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Compliance;

/// <summary>Calling hours in the contact's local time, on a manual clock, across DST changes and two-zone states.</summary>
public sealed class ContactHoursTests
{
    private static readonly TimeSpan Eight = TimeSpan.FromHours(8), Nine = TimeSpan.FromHours(21);

    private static (bool Allowed, DateTimeOffset Next) Check(string? state, string number, DateTimeOffset now) =>
        ContactHours.Check(ContactTimeZones.For(state, E164Number.Parse(number).AreaCode).Zones, Eight, Nine, now);

    private static DateTimeOffset Utc(int year, int month, int day, int hour, int minute = 0) => new(year, month, day, hour, minute, 0, TimeSpan.Zero);

    [Theory]
    // Chicago in winter is UTC-6: 08:00 local = 14:00 UTC, 21:00 local = 03:00 UTC next day.
    [InlineData(2026, 1, 15, 13, 59, false)]
    [InlineData(2026, 1, 15, 14, 0, true)]
    [InlineData(2026, 1, 16, 2, 59, true)]
    [InlineData(2026, 1, 16, 3, 0, false)]
    // In summer UTC-5: 08:00 = 13:00 UTC.
    [InlineData(2026, 7, 15, 12, 59, false)]
    [InlineData(2026, 7, 15, 13, 0, true)]
    public void Illinois_WindowFollowsDaylightSaving(int y, int m, int d, int h, int min, bool allowed)
    {
        Assert.Equal(allowed, Check("IL", "+13125550142", Utc(y, m, d, h, min)).Allowed);
    }

    [Fact]
    public void SpringForward_OnTheDay_TheWindowOpensAt8LocalDaylightTime()
    {
        // 2026-03-08: US clocks jump 02:00 -> 03:00. A manual clock walks through the night.
        var clock = new ManualTimeProvider(Utc(2026, 3, 8, 6, 0)); // 00:00 CST
        var opened = DateTimeOffset.MinValue;
        for (var i = 0; i < 24 * 4 && opened == DateTimeOffset.MinValue; i++)
        {
            if (Check("IL", "+13125550142", clock.GetUtcNow()).Allowed)
            {
                opened = clock.GetUtcNow();
            }
            clock.Advance(TimeSpan.FromMinutes(15));
        }
        Assert.Equal(Utc(2026, 3, 8, 13, 0), opened); // 08:00 CDT = 13:00 UTC, not 14:00
        Assert.Equal(Utc(2026, 3, 8, 13, 0), Check("IL", "+13125550142", Utc(2026, 3, 8, 7, 0)).Next);
    }

    [Fact]
    public void FallBack_OnTheDay_TheWindowClosesAt9LocalStandardTime()
    {
        // 2026-11-01: clocks fall back 02:00 -> 01:00; 21:00 CST = 03:00 UTC on Nov 2.
        Assert.True(Check("IL", "+13125550142", Utc(2026, 11, 2, 2, 59)).Allowed);
        var closed = Check("IL", "+13125550142", Utc(2026, 11, 2, 3, 0));
        Assert.False(closed.Allowed);
        Assert.Equal(Utc(2026, 11, 2, 14, 0), closed.Next); // 08:00 CST Monday
    }

    [Fact]
    public void Texas_TwoZones_LaterStartEarlierEnd()
    {
        // Winter. 08:00 CT = 14:00 UTC, but El Paso (MT) is at 07:00: wait for 08:00 MT = 15:00 UTC.
        Assert.False(Check("TX", "+12145550100", Utc(2026, 1, 15, 14, 30)).Allowed);
        Assert.Equal(Utc(2026, 1, 15, 15, 0), Check("TX", "+12145550100", Utc(2026, 1, 15, 14, 30)).Next);
        // 21:00 CT = 03:00 UTC closes it although it is only 20:00 in El Paso.
        Assert.True(Check("TX", "+12145550100", Utc(2026, 1, 16, 2, 59)).Allowed);
        Assert.False(Check("TX", "+12145550100", Utc(2026, 1, 16, 3, 0)).Allowed);
    }

    [Fact]
    public void Arizona_InSummer_PhoenixAndNavajoDaylightTimeIntersect()
    {
        // July: Phoenix UTC-7, Navajo Nation (Denver) UTC-6. Opens at 08:00 Phoenix = 15:00 UTC, closes at 21:00 Denver = 03:00 UTC.
        Assert.False(Check("AZ", "+16025550100", Utc(2026, 7, 15, 14, 59)).Allowed);
        Assert.True(Check("AZ", "+16025550100", Utc(2026, 7, 15, 15, 0)).Allowed);
        Assert.False(Check("AZ", "+16025550100", Utc(2026, 7, 16, 3, 0)).Allowed);
    }

    [Fact]
    public void NoState_ZoneFromTheAreaCode()
    {
        // 213 is Los Angeles: 08:00 PST = 16:00 UTC.
        var (zones, source) = ContactTimeZones.For(null, "213");
        Assert.Equal("area-code", source);
        Assert.False(ContactHours.Check(zones, Eight, Nine, Utc(2026, 1, 15, 15, 0)).Allowed);
        Assert.True(ContactHours.Check(zones, Eight, Nine, Utc(2026, 1, 15, 16, 0)).Allowed);
    }

    [Fact]
    public void UnknownLocation_IntersectionOfTheContinentalZones()
    {
        var (zones, source) = ContactTimeZones.For(null, null);
        Assert.Equal("unknown", source);
        // Opens at 08:00 Pacific (16:00 UTC in winter), closes at 21:00 Eastern (02:00 UTC).
        Assert.False(ContactHours.Check(zones, Eight, Nine, Utc(2026, 1, 15, 15, 59)).Allowed);
        Assert.True(ContactHours.Check(zones, Eight, Nine, Utc(2026, 1, 15, 16, 0)).Allowed);
        Assert.False(ContactHours.Check(zones, Eight, Nine, Utc(2026, 1, 16, 2, 0)).Allowed);
    }

    [Fact]
    public void EveryStateInTheTable_ResolvesToRealZones()
    {
        foreach (var state in ContactTimeZones.States)
        {
            Assert.NotEmpty(ContactTimeZones.For(state, null).Zones);
        }
        Assert.All(AreaCodes.KnownStates.Where(s => s is not ("PE" or "NT" or "NU")), s => Assert.Contains(s, ContactTimeZones.States));
    }
}
