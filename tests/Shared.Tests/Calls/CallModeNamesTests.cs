using Softphone.Shared.Calls;

namespace Softphone.Shared.Tests.Calls;

public sealed class CallModeNamesTests
{
    [Theory]
    [InlineData("iphone-primary", CallMode.IphonePrimary)]
    [InlineData(" TWILIO-ONLY ", CallMode.TwilioOnly)]
    [InlineData("iPhone-Only", CallMode.IphoneOnly)]
    public void TryParse_KnownNames(string name, CallMode expected)
    {
        Assert.True(CallModeNames.TryParse(name, out var mode));
        Assert.Equal(expected, mode);
        Assert.Equal(name.Trim().ToLowerInvariant(), mode.ToName());
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("iphone")]
    [InlineData("0")]
    public void TryParse_UnknownNames_Fail(string? name) => Assert.False(CallModeNames.TryParse(name, out _));
}
