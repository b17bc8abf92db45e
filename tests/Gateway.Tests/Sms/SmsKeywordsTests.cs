using Softphone.Gateway.Sms;

namespace Softphone.Gateway.Tests.Sms;

public sealed class SmsKeywordsTests
{
    [Theory]
    [InlineData("STOP", "opt-out")]
    [InlineData("stop", "opt-out")]
    [InlineData("  Stop \n", "opt-out")]
    [InlineData("StopAll", "opt-out")]
    [InlineData("unsubscribe", "opt-out")]
    [InlineData("CANCEL", "opt-out")]
    [InlineData("end", "opt-out")]
    [InlineData("Quit", "opt-out")]
    [InlineData("REVOKE", "opt-out")]
    [InlineData("optout", "opt-out")]
    [InlineData("START", "opt-in")]
    [InlineData(" yes ", "opt-in")]
    [InlineData("unstop", "opt-in")]
    [InlineData("HELP", "help")]
    [InlineData("info", "help")]
    [InlineData("stop texting me", null)]
    [InlineData("STOP.", null)]
    [InlineData("opt out", null)]
    [InlineData("", null)]
    [InlineData(null, null)]
    public void Classify_WholeMessageCaseInsensitiveTrimmed(string? body, string? expected) => Assert.Equal(expected, SmsKeywords.Classify(body));

    [Theory]
    [InlineData(21610, "recipient-opted-out")]
    [InlineData(30034, "unregistered-10dlc")]
    [InlineData(30035, "unregistered-10dlc")]
    [InlineData(30007, "carrier-filtered")]
    [InlineData(21211, "invalid-number")]
    public void Errors_MapToActionableReasons(int code, string reason) => Assert.Equal(reason, SmsErrors.Reason(code));
}
