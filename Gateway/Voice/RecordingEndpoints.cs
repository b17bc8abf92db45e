using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Storage;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Twilio;

namespace Softphone.Gateway.Voice;

/// <summary>
/// <c>GET /api/recordings/{sid}</c>: a call recording or voicemail of the agent's tenant, played by the console.
/// Twilio's media URL needs the account's credentials, which never reach the browser, so the gateway fetches it.
/// </summary>
internal static class RecordingEndpoints
{
    public static RouteGroupBuilder MapRecordingEndpoints(this RouteGroupBuilder api)
    {
        api.MapGet("/recordings/{sid}", GetAsync);
        return api;
    }

    private static async Task<Results<FileContentHttpResult, ProblemHttpResult>> GetAsync(string sid, HttpContext http, Database database, ITwilioApi twilio,
        CancellationToken cancellationToken)
    {
        var agent = http.User.GetAgent();
        await using (var connection = await database.OpenAsync(cancellationToken))
        {
            if (!await VoiceStore.HasRecordingAsync(connection, agent.TenantId, sid))
            {
                return Problems.Create(404, "recording-not-found", "No such recording");
            }
        }
        try
        {
            var (audio, contentType) = await twilio.GetRecordingAudioAsync(sid, cancellationToken);
            http.Response.Headers.CacheControl = "private, max-age=3600";
            return TypedResults.File(audio, contentType, enableRangeProcessing: true);
        }
        catch (Exception error) when (error is TwilioApiException or TwilioUnreachableException)
        {
            return Problems.Create(502, "recording-unavailable", "Twilio did not give the recording", "Try again shortly.");
        }
    }
}
