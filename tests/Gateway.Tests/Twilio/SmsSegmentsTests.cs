using Softphone.Gateway.Sms;

namespace Softphone.Gateway.Tests.Twilio;

/// <summary>Segment counts against Twilio's own segment calculator (TestData/Twilio/segments.json).</summary>
public sealed class SmsSegmentsTests
{
    public static TheoryData<string> CaseIds => GoldenData.Ids("segments.json", "cases");

    [Theory]
    [MemberData(nameof(CaseIds))]
    public void Measure_MatchesTwiliosCalculator(string id)
    {
        var c = GoldenData.Case("segments.json", "cases", id);
        var measured = SmsSegments.Measure(c.GetProperty("body").GetString()!);
        Assert.Equal(c.GetProperty("encoding").GetString(), measured.Encoding);
        Assert.Equal(c.GetProperty("segments").GetInt32(), measured.Segments);
        Assert.Equal(c.GetProperty("characters").GetInt32(), measured.Characters);
    }
}
