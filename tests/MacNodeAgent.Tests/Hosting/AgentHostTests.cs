using Microsoft.Extensions.Configuration;
using Softphone.MacNodeAgent.Hosting;

namespace Softphone.MacNodeAgent.Tests.Hosting;

public sealed class AgentHostTests
{
    [Fact]
    public void NoConfigurationFileIsWatched_SoLedgerWritesUnderTheWorkingDirectoryWakeNothing()
    {
        List<FileConfigurationSource> files = [];
        using var app = AgentHost.Build([], builder =>
            files.AddRange(((IConfigurationBuilder)builder.Configuration).Sources.OfType<FileConfigurationSource>()));

        Assert.Contains(files, f => f.Path == "appsettings.json");
        Assert.All(files, f => Assert.False(f.ReloadOnChange, $"{f.Path} is watched for changes"));
    }
}
