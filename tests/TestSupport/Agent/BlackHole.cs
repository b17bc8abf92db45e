using System.Net;
using System.Net.Sockets;

namespace Softphone.Tests;

/// <summary>Accepts TCP connections on a port and never answers: a hung agent or a half-dead network path.</summary>
internal sealed class BlackHole : IAsyncDisposable
{
    private readonly TcpListener _listener;
    private readonly List<Socket> _held = [];
    private readonly CancellationTokenSource _stop = new();
    private readonly Task _loop;

    public BlackHole(int port)
    {
        _listener = new TcpListener(IPAddress.Loopback, port);
        _listener.Server.SetSocketOption(SocketOptionLevel.Socket, SocketOptionName.ReuseAddress, true);
        _listener.Start();
        _loop = AcceptAsync();
    }

    public int Accepted { get; private set; }

    private async Task AcceptAsync()
    {
        try
        {
            while (!_stop.IsCancellationRequested)
            {
                var socket = await _listener.AcceptSocketAsync(_stop.Token);
                lock (_held)
                {
                    _held.Add(socket);
                    Accepted++;
                }
            }
        }
        catch (OperationCanceledException)
        {
        }
        catch (SocketException)
        {
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _stop.CancelAsync();
        _listener.Stop();
        await _loop;
        lock (_held)
        {
            foreach (var socket in _held)
            {
                socket.Dispose();
            }
        }
        _stop.Dispose();
    }
}
