using System.Globalization;
using System.Net.Sockets;
using System.Text;

namespace Softphone.Tests;

/// <summary>
/// One HTTP/1.1 request written byte for byte on a socket: HttpClient's <see cref="Uri"/> would normalise
/// the request target (e.g. "%61" to "a") before sending, and some tests need the target exactly as given.
/// </summary>
internal static class RawHttp
{
    /// <summary>Sends the request and returns the status code of the answer.</summary>
    public static async Task<int> SendAsync(int port, string method, string target, IReadOnlyDictionary<string, string> headers, byte[]? body = null) =>
        (await ExchangeAsync(port, method, target, headers, body)).Status;

    /// <summary>
    /// Sends the request and returns the answer's status and body. With a <c>Transfer-Encoding</c> header the
    /// body is sent as given (no Content-Length), so a test can send a malformed chunked body.
    /// </summary>
    public static async Task<(int Status, string Text)> ExchangeAsync(int port, string method, string target, IReadOnlyDictionary<string, string> headers, byte[]? body = null)
    {
        using var tcp = new TcpClient();
        await tcp.ConnectAsync("127.0.0.1", port);
        var stream = tcp.GetStream();
        var head = new StringBuilder()
            .Append(CultureInfo.InvariantCulture, $"{method} {target} HTTP/1.1\r\n")
            .Append(CultureInfo.InvariantCulture, $"Host: 127.0.0.1:{port}\r\n")
            .Append("Connection: close\r\n");
        if (!headers.ContainsKey("Transfer-Encoding"))
        {
            head.Append(CultureInfo.InvariantCulture, $"Content-Length: {body?.Length ?? 0}\r\n");
        }
        foreach (var (name, value) in headers)
        {
            head.Append(CultureInfo.InvariantCulture, $"{name}: {value}\r\n");
        }
        head.Append("\r\n");
        await stream.WriteAsync(Encoding.ASCII.GetBytes(head.ToString()));
        if (body is not null)
        {
            await stream.WriteAsync(body);
        }
        using var reader = new StreamReader(stream, Encoding.UTF8);
        var answer = await reader.ReadToEndAsync();
        var statusLine = answer[..answer.IndexOf('\r', StringComparison.Ordinal)];
        return (int.Parse(statusLine.Split(' ')[1], CultureInfo.InvariantCulture), answer);
    }
}
