using Softphone.Gateway.Numbers;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Tests.Numbers;

public sealed class CallerIdPolicyTests
{
    private static readonly OwnedNumber[] Demo =
    [
        new() { E164 = "+16305550100", State = "IL", IsDefault = true },
        new() { E164 = "+18475550101", State = "IL" },
        new() { E164 = "+13235550102", State = "CA" },
        new() { E164 = "+14695550103", State = "TX" },
        new() { E164 = "+19845550104", State = "NC" },
    ];

    private static readonly Dictionary<string, string> StateMap = new(StringComparer.OrdinalIgnoreCase) { ["IN"] = "+18475550101", ["NV"] = "+13235550102" };

    [Theory]
    // Lead state wins; within a state the default number is preferred.
    [InlineData("+12125550100", "IL", "+16305550100", "lead-state")]
    [InlineData("+12125550100", "tx", "+14695550103", "lead-state")]
    [InlineData("+12125550100", "IN", "+18475550101", "lead-state-map")]
    // No state: the lead's area code when we own a number with it.
    [InlineData("+18475559999", null, "+18475550101", "area-code")]
    [InlineData("+19845559999", null, "+19845550104", "area-code")]
    // Else the area code's state (NANP table): 214 is Dallas, 415 San Francisco, 919 Raleigh, 702 Las Vegas (state map).
    [InlineData("+12145559999", null, "+14695550103", "area-code-state")]
    [InlineData("+14155559999", null, "+13235550102", "area-code-state")]
    [InlineData("+19195559999", null, "+19845550104", "area-code-state")]
    [InlineData("+17025559999", null, "+13235550102", "area-code-state")]
    // Lead state without a number of ours and not mapped: fall through to the area code.
    [InlineData("+14155559999", "FL", "+13235550102", "area-code-state")]
    // Nothing matches: the default.
    [InlineData("+12125559999", null, "+16305550100", "default")]
    [InlineData("+442079460958", null, "+16305550100", "default")]
    [InlineData("+18005550100", null, "+16305550100", "default")]
    public void Choose_AppliesTheRulesInOrder(string lead, string? state, string expected, string rule)
    {
        var choice = CallerIdPolicy.Choose(Demo, StateMap, E164Number.Parse(lead), state?.ToUpperInvariant());
        Assert.Equal((expected, rule), (choice.Number, choice.Rule));
    }

    [Fact]
    public void Choose_NoNumbers_None() =>
        Assert.Equal(new CallerIdChoice(null, "none"), CallerIdPolicy.Choose([], StateMap, E164Number.Parse("+13125550100"), "IL"));

    [Fact]
    public void Choose_NoDefaultFlagged_FirstNumberIsTheDefault()
    {
        OwnedNumber[] numbers = [new() { E164 = "+14695550103", State = "TX" }, new() { E164 = "+13235550102", State = "CA" }];
        Assert.Equal("+13235550102", CallerIdPolicy.Choose(numbers, StateMap, E164Number.Parse("+12125550100"), null).Number);
    }

    [Fact]
    public void Choose_StateMapNamingANumberWeDoNotOwn_IsIgnored()
    {
        var map = new Dictionary<string, string> { ["IN"] = "+19995550100" };
        Assert.Equal("default", CallerIdPolicy.Choose(Demo, map, E164Number.Parse("+12125550100"), "IN").Rule);
    }

    [Theory]
    [InlineData("312", "IL")]
    [InlineData("213", "CA")]
    [InlineData("917", "NY")]
    [InlineData("416", "ON")]
    [InlineData("800", null)]
    [InlineData("555", null)]
    public void AreaCodes_StateOf(string code, string? state) => Assert.Equal(state, AreaCodes.StateOf(code));
}
