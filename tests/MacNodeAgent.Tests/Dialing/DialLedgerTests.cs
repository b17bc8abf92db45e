using System.Text.Json;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging.Abstractions;
using Microsoft.Extensions.Options;
using Softphone.MacNodeAgent.Dialing;
using Softphone.MacNodeAgent.Hosting;
using Softphone.Tests;

namespace Softphone.MacNodeAgent.Tests.Dialing;

public sealed class DialLedgerTests : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("ledger-test-").FullName;
    private readonly ManualTimeProvider _clock = new();

    private DialLedger Open() => new(
        Options.Create(new AgentOptions { StateDirectory = _folder, LedgerRetention = TimeSpan.FromDays(1) }),
        new Environment(_folder), _clock, NullLogger<DialLedger>.Instance);

    [Fact]
    public void Append_IsOnDiskBeforeReturning_AndSurvivesReopening()
    {
        using (var ledger = Open())
        {
            ledger.Append(new LedgerEntry("c-1", _clock.GetUtcNow(), LedgerEntry.Dialing));
            Assert.Contains("c-1", File.ReadAllText(ledger.FilePath));
        }
        using var reopened = Open();
        Assert.Equal(LedgerEntry.Dialing, reopened.Find("c-1")?.State);
    }

    [Fact]
    public void Open_TornLastLine_KeepsEverythingBeforeIt()
    {
        using (var ledger = Open())
        {
            ledger.Append(new LedgerEntry("c-1", _clock.GetUtcNow(), LedgerEntry.Dialed));
            File.AppendAllText(ledger.FilePath, "{\"callId\":\"c-2\",\"at\":");
        }
        using var reopened = Open();
        Assert.NotNull(reopened.Find("c-1"));
        Assert.Null(reopened.Find("c-2"));
    }

    [Fact]
    public void Open_EntriesOlderThanRetention_AreForgotten()
    {
        using (var ledger = Open())
        {
            ledger.Append(new LedgerEntry("old", _clock.GetUtcNow(), LedgerEntry.Dialed));
        }
        _clock.Advance(TimeSpan.FromDays(2));
        using (var ledger = Open())
        {
            ledger.Append(new LedgerEntry("new", _clock.GetUtcNow(), LedgerEntry.Dialed));
        }
        using var reopened = Open();
        Assert.Null(reopened.Find("old"));
        Assert.NotNull(reopened.Find("new"));
        Assert.DoesNotContain("old", File.ReadAllText(reopened.FilePath));
    }

    [Fact]
    public void Find_LatestStateWins()
    {
        using var ledger = Open();
        ledger.Append(new LedgerEntry("c-1", _clock.GetUtcNow(), LedgerEntry.Dialing));
        ledger.Append(new LedgerEntry("c-1", _clock.GetUtcNow(), LedgerEntry.Failed, "boom"));
        Assert.Equal(LedgerEntry.Failed, ledger.Find("c-1")?.State);
        var lines = File.ReadAllLines(ledger.FilePath);
        Assert.All(lines, line => JsonDocument.Parse(line));
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private sealed class Environment(string root) : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Development";
        public string ApplicationName { get; set; } = "tests";
        public string ContentRootPath { get; set; } = root;
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }
}
