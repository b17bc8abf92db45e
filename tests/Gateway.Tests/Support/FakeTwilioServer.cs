using System.Collections.Concurrent;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Softphone.Tests;

namespace Softphone.Gateway.Tests.Support;

/// <summary>
/// Twilio's REST API as a real HTTP server on loopback: records every request (method, path, query,
/// Authorization, form fields in order) and answers what the test scripted for a path, else 404 in
/// Twilio's error format.
/// </summary>
internal sealed class FakeTwilioServer : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly ConcurrentDictionary<string, (int Status, string Body)> _answers = new();

    private FakeTwilioServer(WebApplication app, int port)
    {
        _app = app;
        BaseUrl = $"http://127.0.0.1:{port}";
    }

    public string BaseUrl { get; }

    public ConcurrentQueue<RecordedRequest> Requests { get; } = new();

    public static async Task<FakeTwilioServer> StartAsync()
    {
        var port = FreePort.Next();
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls($"http://127.0.0.1:{port}");
        builder.Logging.ClearProviders();
        var app = builder.Build();
        var server = new FakeTwilioServer(app, port);
        app.Run(server.HandleAsync);
        await app.StartAsync();
        return server;
    }

    private int _served;

    private int _accountChecks;

    /// <summary>Unscripted GETs of the account (the gateway's credential checks).</summary>
    public int AccountChecks => Volatile.Read(ref _accountChecks);

    /// <summary>Scripts the answer for "METHOD /path" (path without the query); <c>{n}</c> in the body becomes 1, 2, 3… per answer.</summary>
    public void Answer(string method, string path, int status, string json) => _answers[$"{method} {path}"] = (status, json);

    private async Task HandleAsync(HttpContext context)
    {
        var request = context.Request;
        List<KeyValuePair<string, string>> form = [];
        if (request.HasFormContentType)
        {
            using var reader = new StreamReader(request.Body);
            var body = await reader.ReadToEndAsync();
            form = body.Split('&', StringSplitOptions.RemoveEmptyEntries)
                .Select(pair => pair.Split('=', 2))
                .Select(p => new KeyValuePair<string, string>(Uri.UnescapeDataString(p[0].Replace('+', ' ')), Uri.UnescapeDataString(p.Length > 1 ? p[1].Replace('+', ' ') : "")))
                .ToList();
        }
        if (request.Method == "GET" && System.Text.RegularExpressions.Regex.IsMatch(request.Path.Value ?? "", "^/2010-04-01/Accounts/AC[0-9a-f]{32}\\.json$")
            && !_answers.ContainsKey($"GET {request.Path}"))
        {
            // The gateway's credential check (live mode, at start and then periodically): an active account unless
            // a test scripts another answer. Counted apart, so tests of other requests see only theirs.
            Interlocked.Increment(ref _accountChecks);
            context.Response.ContentType = "application/json";
            await context.Response.WriteAsync($$"""{"sid":"{{request.Path.Value![21..55]}}","status":"active"}""");
            return;
        }
        Requests.Enqueue(new RecordedRequest(request.Method, request.Path, request.QueryString.Value ?? "", request.Headers.Authorization.ToString(),
            request.Headers.Accept.ToString(), form));
        if (_answers.TryGetValue($"{request.Method} {request.Path}", out var answer))
        {
            context.Response.StatusCode = answer.Status;
            if (answer.Body.Length > 0)
            {
                context.Response.ContentType = "application/json";
                var served = Interlocked.Increment(ref _served);
                await context.Response.WriteAsync(answer.Body.Replace("{n}", served.ToString(System.Globalization.CultureInfo.InvariantCulture), StringComparison.Ordinal));
            }
            return;
        }
        context.Response.StatusCode = 404;
        context.Response.ContentType = "application/json";
        await context.Response.WriteAsync("""{"code":20404,"message":"The requested resource was not found","more_info":"https://www.twilio.com/docs/errors/20404","status":404}""");
    }

    public async ValueTask DisposeAsync()
    {
        await _app.StopAsync();
        await _app.DisposeAsync();
    }
}

internal sealed record RecordedRequest(string Method, string Path, string Query, string Authorization, string Accept, List<KeyValuePair<string, string>> Form)
{
    public string? Field(string name) => Form.FirstOrDefault(f => f.Key == name).Value;

    public IEnumerable<string> Fields(string name) => Form.Where(f => f.Key == name).Select(f => f.Value);
}
