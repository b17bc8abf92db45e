using Microsoft.AspNetCore.Http.Features;
using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// Applied once on the <c>/twilio</c> group. Reads the body within Twilio's own sizes (form limits, a
/// capped body), refuses what Twilio never sends (multipart, other types) with a 4xx and one log line, and
/// checks <c>X-Twilio-Signature</c> against the public URL — as received, or with the connection overrides
/// the gateway put on its callback URLs — and every form parameter (or the raw body's <c>bodySHA256</c>):
/// missing or wrong → 403, nothing stored. What a handler does with a failure is the inbox's business.
/// </summary>
internal sealed partial class TwilioWebhookFilter(WebhookUrls urls, IOptions<TwilioOptions> options, ILogger<TwilioWebhookFilter> logger) : IEndpointFilter
{
    /// <summary>Twilio's largest webhooks (an SMS with media, a long transcription) are a few KB.</summary>
    public const int MaxBodyBytes = 64 * 1024;

    private static readonly FormOptions Limits = new()
    {
        ValueCountLimit = 200,
        KeyLengthLimit = 256,
        ValueLengthLimit = 16 * 1024,
        BufferBody = false,
    };

    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        var request = http.Request;
        var url = urls.RequestUrl(request);
        var signature = request.Headers["X-Twilio-Signature"].ToString();
        bool valid;
        try
        {
            if (request.HasFormContentType)
            {
                if (request.ContentType!.StartsWith("multipart/", StringComparison.OrdinalIgnoreCase))
                {
                    return Refuse(415, "unsupported-media-type", "Twilio webhooks are form-encoded or JSON", request.Path);
                }
                http.Features.Set<IFormFeature>(new FormFeature(request, Limits));
                var form = await request.ReadFormAsync(http.RequestAborted);
                var parameters = new KeyValuePair<string, IReadOnlyList<string>>[form.Count];
                var i = 0;
                foreach (var (key, values) in form)
                {
                    var strings = new string[values.Count];
                    for (var v = 0; v < strings.Length; v++)
                    {
                        strings[v] = values[v] ?? "";
                    }
                    parameters[i++] = new(key, strings);
                }
                valid = TwilioSignature.IsValid(options.Value.AuthToken, signature, Candidates(url), parameters);
            }
            else if (request.ContentLength is null or 0 && !request.Headers.TransferEncoding.Any())
            {
                valid = TwilioSignature.IsValid(options.Value.AuthToken, signature, Candidates(url), []);
            }
            else if (request.ContentType?.StartsWith("application/json", StringComparison.OrdinalIgnoreCase) == true)
            {
                request.EnableBuffering(MaxBodyBytes);
                using var buffer = new MemoryStream();
                await request.Body.CopyToAsync(buffer, http.RequestAborted);
                request.Body.Position = 0;
                valid = Candidates(url).Any(candidate => TwilioSignature.IsValidWithBody(options.Value.AuthToken, signature, candidate, buffer.ToArray()));
            }
            else
            {
                return Refuse(415, "unsupported-media-type", "Twilio webhooks are form-encoded or JSON", request.Path);
            }
        }
        catch (InvalidDataException limit)
        {
            // Too many fields, a key or value too long, a malformed body: the sender's error, told in one line.
            return Refuse(limit.Message.Contains("limit", StringComparison.OrdinalIgnoreCase) ? 413 : 400, "invalid-form", "The form is malformed or exceeds Twilio's sizes", request.Path);
        }
        catch (BadHttpRequestException bad)
        {
            return Refuse(bad.StatusCode, bad.StatusCode == 413 ? "body-too-large" : "invalid-request", "The body could not be read", request.Path);
        }
        if (!valid)
        {
            LogForged(request.Path, signature.Length == 0 ? "missing" : "wrong");
            return TypedResults.Problem(statusCode: 403, title: "Twilio signature missing or wrong",
                detail: "Sign with the account's auth token over the public URL Twilio calls (Twilio:PublicBaseUrl).",
                extensions: new Dictionary<string, object?> { ["reason"] = "bad-twilio-signature" });
        }
        return await next(context);
    }

    /// <summary>The URL as received, and as handed out with the connection overrides Twilio signed but did not send.</summary>
    private static string[] Candidates(string url) => [url, url + WebhookUrls.CallbackOverrides];

    private IResult Refuse(int status, string reason, string title, PathString path)
    {
        LogRefused(path, status, reason);
        return TypedResults.Problem(statusCode: status, title: title, extensions: new Dictionary<string, object?> { ["reason"] = reason });
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Twilio webhook to {Path}: signature {Problem}")]
    private partial void LogForged(PathString path, string problem);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a request to {Path}: {Status} {Reason}")]
    private partial void LogRefused(PathString path, int status, string reason);
}
