using System.IO.Pipelines;
using System.Net;
using System.Net.WebSockets;
using Microsoft.AspNetCore.Connections;
using Microsoft.AspNetCore.Http.Features;

namespace Softphone.MacNodeAgent.Tunnel;

/// <summary>One tunnel as a Kestrel connection: HTTP/1.1 from the gateway arrives over the WebSocket the agent opened.</summary>
internal sealed class TunnelConnectionContext : ConnectionContext
{
    private readonly ClientWebSocket _socket;
    private readonly Stream _stream;
    private readonly Action<WebSocketCloseStatus?, string?> _closed;
    private int _disposed;

    public TunnelConnectionContext(ClientWebSocket socket, EndPoint gateway, Action<WebSocketCloseStatus?, string?> closed)
    {
        _socket = socket;
        _closed = closed;
        _stream = WebSocketStream.Create(socket, WebSocketMessageType.Binary, ownsWebSocket: false);
        Transport = new Pipe(PipeReader.Create(_stream), PipeWriter.Create(_stream));
        RemoteEndPoint = gateway;
        LocalEndPoint = gateway;
    }

    public override string ConnectionId { get; set; } = "tunnel-" + Guid.NewGuid().ToString("N")[..12];

    public override IFeatureCollection Features { get; } = new FeatureCollection();

    public override IDictionary<object, object?> Items { get; set; } = new Dictionary<object, object?>();

    public override IDuplexPipe Transport { get; set; }

    public override void Abort(ConnectionAbortedException abortReason) => _socket.Abort();

    public override async ValueTask DisposeAsync()
    {
        if (Interlocked.Exchange(ref _disposed, 1) == 1)
        {
            return;
        }
        var status = _socket.CloseStatus;
        var description = _socket.CloseStatusDescription;
        try
        {
            // Completing the writer flushes what is left into the socket, which throws when the tunnel already
            // broke (the usual way a connection ends): that must never keep the slot from being given back.
            await Transport.Input.CompleteAsync();
            await Transport.Output.CompleteAsync();
        }
        catch (Exception exception) when (exception is IOException or WebSocketException or ObjectDisposedException or OperationCanceledException)
        {
        }
        finally
        {
            _socket.Abort();
            _socket.Dispose();
            await _stream.DisposeAsync();
            _closed(status, description);
        }
    }

    private sealed class Pipe(PipeReader input, PipeWriter output) : IDuplexPipe
    {
        public PipeReader Input { get; } = input;
        public PipeWriter Output { get; } = output;
    }
}
