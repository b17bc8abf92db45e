using System.Net;
using System.Net.Sockets;

namespace Softphone.Tests;

/// <summary>
/// A loopback port for a test host. Taken from below the kernel's ephemeral range (Linux: 32768–60999) and
/// checked by binding it: a port the kernel handed out with "bind to 0" lies inside that range, where any
/// outgoing connection of the test run (tunnels, probes, clients) may take it before the host binds it.
/// </summary>
internal static class FreePort
{
    private const int First = 20000;
    private const int Last = 32000;
    private static int _next = First + (Environment.ProcessId * 7919 % (Last - First));

    public static int Next()
    {
        for (var tries = 0; tries < Last - First; tries++)
        {
            var port = First + ((Interlocked.Increment(ref _next) - First) % (Last - First));
            try
            {
                using var listener = new TcpListener(IPAddress.Loopback, port);
                listener.Start();
                return port;
            }
            catch (SocketException)
            {
                // Taken (another test host, another process): try the next one.
            }
        }
        throw new InvalidOperationException($"no free loopback port between {First} and {Last}");
    }
}
