using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Softphone.MacNodeAgent.Dialing;

namespace Softphone.MacNodeAgent.Tests.Dialing;

public sealed class CommandDialerTests
{
    private static CommandDialer Dialer(string command, string arguments = "tel:{number}") =>
        new(Options.Create(new DialerOptions { Mode = "command", Command = command, Arguments = arguments, Timeout = TimeSpan.FromSeconds(10) }),
            TimeProvider.System, NullLogger<CommandDialer>.Instance);

    [Fact]
    [System.Runtime.Versioning.UnsupportedOSPlatform("windows")]
    public async Task Dial_CommandSucceeds_PassesTheTelUrl()
    {
        var folder = Directory.CreateTempSubdirectory("dialer-test-").FullName;
        var output = Path.Combine(folder, "dialed.txt");
        var script = Path.Combine(folder, "fake-open");
        File.WriteAllText(script, $"#!/bin/sh\necho \"$1\" > '{output}'\n");
        File.SetUnixFileMode(script, UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute);
        var dialer = Dialer(script);
        Assert.True(dialer.IsReady);

        await dialer.DialAsync("+16305550100", CancellationToken.None);

        Assert.Equal("tel:+16305550100", File.ReadAllText(output).Trim());
        Directory.Delete(folder, recursive: true);
    }

    [Fact]
    public async Task Dial_CommandFails_ThrowsDialerException()
    {
        var dialer = Dialer("false");
        await Assert.ThrowsAsync<DialerException>(() => dialer.DialAsync("+16305550100", CancellationToken.None));
    }

    [Fact]
    public void IsReady_CommandMissing_False() => Assert.False(Dialer("no-such-dialer-command-here").IsReady);
}
