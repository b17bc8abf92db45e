using System.Net.WebSockets;
using Softphone.Gateway.MacNode;

namespace Softphone.Gateway.Tests.MacNode;

/// <summary>
/// A tunnel's WebSocket writes through the HTTP request of <c>GET /nodes/tunnel</c>. Once that request has ended, the
/// socket is no longer the gateway's to touch: the HTTP client that still holds the tunnel as a connection stream may
/// dispose it later, from a request's timeout timer, and that dispose must not reach the ended request (it threw on
/// the timer thread, which ended the process: seen once in the suite).
/// </summary>
public sealed class TunnelConnectionTests
{
    [Fact]
    public async Task Dispose_AfterTheTunnelsRequestHasEnded_LeavesTheRequestAlone()
    {
        var (request, connection) = await ClosedByTheAgentAsync();

        // What the tunnel endpoint does before its request ends; then the request ends.
        connection.ReleaseSocket();
        request.Ended = true;

        Assert.Null(Record.Exception(connection.Dispose));
        Assert.Equal(1, request.Disposals);
    }

    [Fact]
    public async Task TheRequestStream_RefusesADisposeOnceItsRequestHasEnded_AsAspNetCoresDoes()
    {
        // The stand-in is faithful: a socket still held when its request ended throws on dispose.
        var (request, connection) = await ClosedByTheAgentAsync();
        request.Ended = true;

        Assert.Throws<ObjectDisposedException>(connection.Dispose);
    }

    /// <summary>A tunnel over a stand-in request whose agent has gone: its pump has seen the end and it is closed.</summary>
    private static async Task<(RequestStream Request, TunnelConnection Connection)> ClosedByTheAgentAsync()
    {
        var request = new RequestStream();
        var connection = new TunnelConnection(WebSocket.CreateFromStream(request, new WebSocketCreationOptions { IsServer = true }), "boss-mac", "1");
        request.EndInput();
        await connection.Closed.WaitAsync(TimeSpan.FromSeconds(5), TimeProvider.System);
        return (request, connection);
    }

    /// <summary>
    /// The stream a server-side WebSocket is made over, as ASP.NET Core hands it out: reads end when the agent goes,
    /// and disposing it after its request has ended throws (the request's features are gone).
    /// </summary>
    private sealed class RequestStream : Stream
    {
        private readonly TaskCompletionSource<int> _input = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public bool Ended { get; set; }

        public int Disposals { get; private set; }

        public void EndInput() => _input.TrySetResult(0);

        public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken cancellationToken = default) =>
            new(_input.Task.WaitAsync(cancellationToken));

        public override ValueTask WriteAsync(ReadOnlyMemory<byte> buffer, CancellationToken cancellationToken = default) => ValueTask.CompletedTask;

        protected override void Dispose(bool disposing)
        {
            ObjectDisposedException.ThrowIf(Ended, "IFeatureCollection");
            Disposals++;
            base.Dispose(disposing);
        }

        public override bool CanRead => true;
        public override bool CanWrite => true;
        public override bool CanSeek => false;
        public override long Length => throw new NotSupportedException();
        public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
        public override void Flush() { }
        public override int Read(byte[] buffer, int offset, int count) => throw new NotSupportedException();
        public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
        public override void SetLength(long value) => throw new NotSupportedException();
        public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
    }
}
