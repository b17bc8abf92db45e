using System.IO.Pipelines;
using System.Net.WebSockets;

namespace Softphone.Gateway.MacNode;

/// <summary>
/// One WebSocket the agent opened to <c>GET /nodes/tunnel</c>, as the byte stream an HTTP/1.1 connection
/// runs over. A pump reads the socket all the time, so keep-alive pongs and a close are noticed at once
/// even while no request is in flight (a pooled idle stream would otherwise notice nothing).
/// </summary>
internal sealed class TunnelConnection : Stream
{
    private readonly WebSocket _socket;
    private readonly Pipe _inbound = new(new PipeOptions(useSynchronizationContext: false));
    private readonly SemaphoreSlim _sending = new(1, 1);
    private readonly TaskCompletionSource _closed = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly Lock _release = new();
    private bool _released;

    public TunnelConnection(WebSocket socket, string nodeId, string instance)
    {
        _socket = socket;
        NodeId = nodeId;
        Instance = instance;
        _ = PumpAsync();
    }

    public string NodeId { get; }

    /// <summary>The agent process that opened it (newer instances replace older ones).</summary>
    public string Instance { get; }

    /// <summary>Completes when the tunnel is gone (closed by either side, failed, or a keep-alive went unanswered).</summary>
    public Task Closed => _closed.Task;

    public bool IsOpen => !_closed.Task.IsCompleted;

    private async Task PumpAsync()
    {
        try
        {
            while (true)
            {
                var memory = _inbound.Writer.GetMemory(16 * 1024);
                var received = await _socket.ReceiveAsync(memory, CancellationToken.None);
                if (received.MessageType == WebSocketMessageType.Close)
                {
                    break;
                }
                _inbound.Writer.Advance(received.Count);
                var flushed = await _inbound.Writer.FlushAsync();
                if (flushed.IsCompleted)
                {
                    break;
                }
            }
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
            // Reset, aborted by a keep-alive timeout, or disposed: the tunnel is gone either way.
        }
        await _inbound.Writer.CompleteAsync();
        _closed.TrySetResult();
    }

    /// <summary>Closes the tunnel with a status the agent logs (e.g. a newer instance replaced it).</summary>
    public async Task CloseAsync(WebSocketCloseStatus status, string description)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(1), TimeProvider.System);
            await _socket.CloseOutputAsync(status, description, timeout.Token);
        }
        catch (Exception exception) when (exception is WebSocketException or OperationCanceledException or IOException or ObjectDisposedException)
        {
        }
        ReleaseSocket();
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default)
    {
        var result = await _inbound.Reader.ReadAsync(cancellationToken);
        var available = result.Buffer;
        if (available.IsEmpty && result.IsCompleted)
        {
            _inbound.Reader.AdvanceTo(available.End);
            return 0;
        }
        var slice = available.Slice(0, Math.Min(buffer.Length, available.Length));
        CopyTo(slice, buffer.Span);
        _inbound.Reader.AdvanceTo(slice.End);
        return (int)slice.Length;
    }

    private static void CopyTo(System.Buffers.ReadOnlySequence<byte> source, Span<byte> destination)
    {
        var offset = 0;
        foreach (var segment in source)
        {
            segment.Span.CopyTo(destination[offset..]);
            offset += segment.Length;
        }
    }

    public override async ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default)
    {
        if (!IsOpen)
        {
            throw new IOException("the tunnel is closed");
        }
        await _sending.WaitAsync(cancellationToken);
        try
        {
            await _socket.SendAsync(buffer, WebSocketMessageType.Binary, endOfMessage: true, cancellationToken);
        }
        catch (WebSocketException exception)
        {
            throw new IOException("the tunnel broke while sending", exception);
        }
        finally
        {
            _sending.Release();
        }
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        ReadAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override Task WriteAsync(byte[] buffer, int offset, int count, CancellationToken cancellationToken) =>
        WriteAsync(buffer.AsMemory(offset, count), cancellationToken).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override void Write(byte[] buffer, int offset, int count) => WriteAsync(buffer, offset, count).GetAwaiter().GetResult();

    public override Task FlushAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public override void Flush()
    {
    }

    public override bool CanRead => true;
    public override bool CanWrite => true;
    public override bool CanSeek => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();

    /// <summary>
    /// Lets go of the WebSocket, at most once. The socket writes through the HTTP request of <c>GET /nodes/tunnel</c>,
    /// so it must go before that request ends: the tunnel endpoint calls this before it returns, and the HTTP client
    /// that owns this stream may call it later from any thread (a request's timeout disposes its connection from a
    /// timer). Once the request has ended the socket is no longer ours to touch; disposing it then threw on that timer
    /// thread, which ended the process.
    /// </summary>
    public void ReleaseSocket()
    {
        lock (_release)
        {
            if (_released)
            {
                return;
            }
            _released = true;
            _socket.Abort();
            _socket.Dispose();
        }
    }

    protected override void Dispose(bool disposing)
    {
        if (disposing)
        {
            // The HTTP connection over it is done: the agent's end closes, and it opens a fresh tunnel.
            ReleaseSocket();
        }
        base.Dispose(disposing);
    }
}
