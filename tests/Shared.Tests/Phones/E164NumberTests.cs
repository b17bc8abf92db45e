using Softphone.Shared.Phones;

namespace Softphone.Shared.Tests.Phones;

public sealed class E164NumberTests
{
    [Theory]
    [InlineData("+16305550100", "+16305550100")]
    [InlineData("(630) 555-0100", "+16305550100")]
    [InlineData("630.555.0100", "+16305550100")]
    [InlineData("1 630 555 0100", "+16305550100")]
    [InlineData("  +1 (630) 555-0100  ", "+16305550100")]
    [InlineData("+44 20 7946 0958", "+442079460958")]
    [InlineData("0044 20 7946 0958", "+442079460958")]
    [InlineData("011 44 20 7946 0958", "+442079460958")]
    [InlineData("+49 30 901820", "+4930901820")]
    public void TryParse_CommonSpellings_NormaliseToE164(string input, string expected)
    {
        Assert.True(E164Number.TryParse(input, out var number, out var problem), problem);
        Assert.Equal(expected, number.Value);
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("   ")]
    [InlineData("911")]
    [InlineData("112")]
    [InlineData("555-0100")]
    [InlineData("1-800-FLOWERS")]
    [InlineData("630-555-0100 x12")]
    [InlineData("630-555-0100;ext=2")]
    [InlineData("+1 630 555 010")]
    [InlineData("+1 630 555 01000")]
    [InlineData("+1 130 555 0100")]
    [InlineData("+1 630 155 0100")]
    [InlineData("+1 911 555 0100")]
    [InlineData("+0 123 456 7890")]
    [InlineData("+1234567")]
    [InlineData("+1234567890123456")]
    [InlineData("++16305550100")]
    [InlineData("6305550100+")]
    public void TryParse_NotDialable_FailsWithAReason(string? input)
    {
        Assert.False(E164Number.TryParse(input, out _, out var problem));
        Assert.False(string.IsNullOrWhiteSpace(problem));
    }

    [Fact]
    public void AreaCode_OnlyForNanp()
    {
        Assert.Equal("630", E164Number.Parse("+16305550100").AreaCode);
        Assert.Null(E164Number.Parse("+442079460958").AreaCode);
    }

    [Theory]
    [InlineData("+16305550100", "***0100")]
    [InlineData("12", "***")]
    [InlineData(null, "(none)")]
    public void Mask_KeepsOnlyTheLastFourDigits(string? input, string expected) => Assert.Equal(expected, E164Number.Mask(input));
}
