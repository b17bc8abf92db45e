using System.Text.Json;
using Microsoft.Extensions.Options;
using Softphone.MacNodeAgent.Hosting;

namespace Softphone.MacNodeAgent.Dialing;

/// <summary>
/// The call ids this node has dialed, in an append-only JSON-lines file that survives restarts.
/// An id is written and flushed to disk <em>before</em> the dialer runs, so a crash mid-dial can never
/// lead to a second dial of the same id: the worst case is a call reported as dialed that was not.
/// </summary>
internal sealed partial class DialLedger : IDisposable
{
    private readonly Dictionary<string, LedgerEntry> _entries = new(StringComparer.Ordinal);
    private readonly FileStream _file;
    private readonly ILogger<DialLedger> _logger;

    public DialLedger(IOptions<AgentOptions> options, IHostEnvironment environment, TimeProvider timeProvider, ILogger<DialLedger> logger)
    {
        _logger = logger;
        var folder = Path.GetFullPath(options.Value.StateDirectory, environment.ContentRootPath);
        Directory.CreateDirectory(folder);
        FilePath = Path.Combine(folder, "dial-ledger.jsonl");
        var cutoff = timeProvider.GetUtcNow() - options.Value.LedgerRetention;
        Load(cutoff);
        Compact();
        _file = new FileStream(FilePath, FileMode.Append, FileAccess.Write, FileShare.Read);
        LogLoaded(_entries.Count, FilePath);
    }

    public string FilePath { get; }

    /// <summary>The last state of a call id, if this node has seen it.</summary>
    public LedgerEntry? Find(string callId) => _entries.GetValueOrDefault(callId);

    /// <summary>
    /// Appends an entry and, unless <paramref name="forceToDisk"/> is false, forces it to disk before returning.
    /// Not forcing is for an entry whose loss on a power cut changes no answer (the "dialing" line before it
    /// already makes a retry "already dialed"); the next forced entry carries it to disk.
    /// </summary>
    public void Append(LedgerEntry entry, bool forceToDisk = true)
    {
        var line = JsonSerializer.SerializeToUtf8Bytes(entry, JsonOptions);
        _file.Write(line);
        _file.WriteByte((byte)'\n');
        _file.Flush(flushToDisk: forceToDisk);
        _entries[entry.CallId] = entry;
    }

    public void Dispose() => _file.Dispose();

    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web);

    private void Load(DateTimeOffset cutoff)
    {
        if (!File.Exists(FilePath))
        {
            return;
        }
        foreach (var line in File.ReadLines(FilePath))
        {
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }
            LedgerEntry? entry;
            try
            {
                entry = JsonSerializer.Deserialize<LedgerEntry>(line, JsonOptions);
            }
            catch (JsonException)
            {
                // A torn last line after a power cut: everything before it is intact.
                LogTornLine();
                continue;
            }
            if (entry is not null && entry.At >= cutoff)
            {
                _entries[entry.CallId] = entry;
            }
        }
    }

    private void Compact()
    {
        var temporary = FilePath + ".tmp";
        using (var writer = new FileStream(temporary, FileMode.Create, FileAccess.Write))
        {
            foreach (var entry in _entries.Values)
            {
                writer.Write(JsonSerializer.SerializeToUtf8Bytes(entry, JsonOptions));
                writer.WriteByte((byte)'\n');
            }
            writer.Flush(flushToDisk: true);
        }
        File.Move(temporary, FilePath, overwrite: true);
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Dial ledger holds {Count} call ids ({Path})")]
    private partial void LogLoaded(int count, string path);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Skipped a torn line in the dial ledger")]
    private partial void LogTornLine();
}
