namespace Softphone.Gateway.Tests.Support;

/// <summary>Reads server-sent events from an open stream.</summary>
internal sealed class SseReader(Stream stream) : IDisposable
{
    private readonly StreamReader _reader = new(stream);

    public async Task<(long Id, string Type, string Data)> NextAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout, TimeProvider.System);
        long id = 0;
        string type = "message", data = "";
        while (true)
        {
            var line = await _reader.ReadLineAsync(cancel.Token) ?? throw new EndOfStreamException();
            if (line.Length == 0)
            {
                if (id != 0)
                {
                    return (id, type, data);
                }
                continue;
            }
            if (line.StartsWith("id: ", StringComparison.Ordinal)) id = long.Parse(line[4..]);
            else if (line.StartsWith("event: ", StringComparison.Ordinal)) type = line[7..];
            else if (line.StartsWith("data: ", StringComparison.Ordinal)) data = line[6..];
        }
    }

    /// <summary>Waits for the server to end the stream, skipping whatever it sends before.</summary>
    public async Task EndAsync(TimeSpan timeout)
    {
        using var cancel = new CancellationTokenSource(timeout, TimeProvider.System);
        while (await _reader.ReadLineAsync(cancel.Token) is not null)
        {
        }
    }

    public void Dispose() => _reader.Dispose();
}
