using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

/// <summary>
/// Applied once on the <c>/twilio</c> group. Checks <c>X-Twilio-Signature</c> against the public URL and
/// every form parameter (or the raw body's <c>bodySHA256</c>): missing or wrong → 403, nothing stored.
/// Past the check, a handler that fails still answers valid TwiML (an apology and a hang-up), never a 500.
/// </summary>
internal sealed partial class TwilioWebhookFilter(WebhookUrls urls, IOptions<TwilioOptions> options, IOptions<VoiceOptions> voice, ILogger<TwilioWebhookFilter> logger) : IEndpointFilter
{
    public async ValueTask<object?> InvokeAsync(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var request = context.HttpContext.Request;
        var url = urls.RequestUrl(request);
        var signature = request.Headers["X-Twilio-Signature"].ToString();
        bool valid;
        if (request.HasFormContentType)
        {
            var form = await request.ReadFormAsync(context.HttpContext.RequestAborted);
            valid = TwilioSignature.IsValid(options.Value.AuthToken, signature, url,
                form.Select(f => new KeyValuePair<string, IReadOnlyList<string>>(f.Key, f.Value.Select(v => v ?? "").ToList())));
        }
        else
        {
            request.EnableBuffering(1024 * 1024);
            using var buffer = new MemoryStream();
            await request.Body.CopyToAsync(buffer, context.HttpContext.RequestAborted);
            request.Body.Position = 0;
            valid = TwilioSignature.IsValidWithBody(options.Value.AuthToken, signature, url, buffer.ToArray());
        }
        if (!valid)
        {
            LogForged(request.Path, signature.Length == 0 ? "missing" : "wrong");
            return TypedResults.Problem(statusCode: 403, title: "Twilio signature missing or wrong",
                extensions: new Dictionary<string, object?> { ["reason"] = "bad-twilio-signature" });
        }

        try
        {
            return await next(context);
        }
        catch (Exception exception) when (!context.HttpContext.RequestAborted.IsCancellationRequested)
        {
            LogHandlerFailed(exception, request.Path);
            return new TwimlResponse().Say(voice.Value.ErrorMessage, voice.Value.SayVoice).Hangup().ToResult();
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Refused a Twilio webhook to {Path}: signature {Problem}")]
    private partial void LogForged(PathString path, string problem);

    [LoggerMessage(Level = LogLevel.Error, Message = "Twilio webhook {Path} failed; answered an apology")]
    private partial void LogHandlerFailed(Exception exception, PathString path);
}
