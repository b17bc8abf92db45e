using System.Net;
using Softphone.Shared.NodeProtocol;

namespace Softphone.MacNodeAgent.Tests.Dialing;

public sealed class DialEndpointsTests
{
    [Fact]
    public async Task Dial_SignedRequest_DialsOnce()
    {
        await using var agent = await AgentFixture.StartAsync();

        using var response = await agent.DialAsync("c-1", "(630) 555-0100");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = await AgentFixture.ReadAsync(response);
        Assert.Equal(DialStatus.Dialed, answer.Status);
        Assert.Equal("c-1", answer.CallId);
        Assert.Equal(["+16305550100"], agent.Dialer.Dialed);
    }

    [Fact]
    public async Task Dial_SameCallIdAgain_AnswersAlreadyDialedWithoutDialing()
    {
        await using var agent = await AgentFixture.StartAsync();
        using var first = await agent.DialAsync("c-1", "+16305550100");
        using var second = await agent.DialAsync("c-1", "+16305550100");

        var answer = await AgentFixture.ReadAsync(second);
        Assert.Equal(DialStatus.AlreadyDialed, answer.Status);
        Assert.Equal((await AgentFixture.ReadAsync(first)).DialedAt, answer.DialedAt);
        Assert.Equal(1, agent.Dialer.CountFor("+16305550100"));
    }

    [Fact]
    public async Task Dial_SameCallIdConcurrently_DialsOnce()
    {
        await using var agent = await AgentFixture.StartAsync();
        using var client = agent.SignedClient();

        var responses = await Task.WhenAll(Enumerable.Range(0, 16).Select(_ => agent.DialAsync("c-race", "+16305550100", client)));

        var statuses = await Task.WhenAll(responses.Select(AgentFixture.ReadAsync));
        Assert.Single(statuses, s => s.Status == DialStatus.Dialed);
        Assert.Equal(15, statuses.Count(s => s.Status == DialStatus.AlreadyDialed));
        Assert.Equal(1, agent.Dialer.CountFor("+16305550100"));
    }

    [Fact]
    public async Task Dial_AfterAgentRestart_RemembersDialedCallIds()
    {
        await using var agent = await AgentFixture.StartAsync();
        using (await agent.DialAsync("c-1", "+16305550100")) { }

        await agent.RestartAsync();
        using var again = await agent.DialAsync("c-1", "+16305550100");

        Assert.Equal(DialStatus.AlreadyDialed, (await AgentFixture.ReadAsync(again)).Status);
        Assert.Equal(1, agent.Dialer.CountFor("+16305550100"));
    }

    [Fact]
    public async Task Dial_DialerNotReady_RefusesWithoutDialing_AndDialsWhenReadyAgain()
    {
        await using var agent = await AgentFixture.StartAsync();
        agent.Dialer.IsReady = false;

        using var refused = await agent.DialAsync("c-1", "+16305550100");
        Assert.Equal(HttpStatusCode.Conflict, refused.StatusCode);
        var answer = await AgentFixture.ReadAsync(refused);
        Assert.Equal((DialStatus.Refused, "dialer-not-ready"), (answer.Status, answer.Reason));
        Assert.Empty(agent.Dialer.Dialed);

        agent.Dialer.IsReady = true;
        using var dialed = await agent.DialAsync("c-1", "+16305550100");
        Assert.Equal(DialStatus.Dialed, (await AgentFixture.ReadAsync(dialed)).Status);
    }

    [Fact]
    public async Task Dial_DialerFails_RefusesAndNeverRetriesThatCallId()
    {
        await using var agent = await AgentFixture.StartAsync();
        agent.Dialer.Fail = true;
        using var failed = await agent.DialAsync("c-1", "+16305550100");
        Assert.Equal("dialer-failed", (await AgentFixture.ReadAsync(failed)).Reason);

        // The gateway may have placed it elsewhere after the refusal: the same id must never dial later.
        agent.Dialer.Fail = false;
        using var again = await agent.DialAsync("c-1", "+16305550100");
        var answer = await AgentFixture.ReadAsync(again);
        Assert.Equal((DialStatus.Refused, "dialer-failed"), (answer.Status, answer.Reason));
        Assert.Empty(agent.Dialer.Dialed);
    }

    [Theory]
    [InlineData("911")]
    [InlineData("not a number")]
    [InlineData("")]
    public async Task Dial_UndialableNumber_400AndNothingDialed(string to)
    {
        await using var agent = await AgentFixture.StartAsync();
        using var response = await agent.DialAsync("c-1", to);
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Empty(agent.Dialer.Dialed);
    }

    [Theory]
    [InlineData("{not json")]
    [InlineData("{\"to\":\"+16305550100\"}")]
    [InlineData("[]")]
    public async Task Dial_BadBody_400AndNothingDialed(string body)
    {
        await using var agent = await AgentFixture.StartAsync();
        using var client = agent.SignedClient();
        using var response = await client.PostAsync("dial", new StringContent(body));
        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Contains("\"reason\"", await response.Content.ReadAsStringAsync());
        Assert.Empty(agent.Dialer.Dialed);
    }
}
