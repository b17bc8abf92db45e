using Microsoft.AspNetCore.Http.HttpResults;
using Softphone.Gateway.Hosting;
using Softphone.Gateway.Tenancy;
using Softphone.Gateway.Twilio;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Numbers;

internal static class NumberEndpoints
{
    public static RouteGroupBuilder MapNumberEndpoints(this RouteGroupBuilder api)
    {
        var numbers = api.MapGroup("/numbers");
        numbers.MapGet("/", ListAsync);
        numbers.MapPut("/default", SetDefaultAsync);
        numbers.MapGet("/available", SearchAsync);
        numbers.MapPost("/purchase", PurchaseAsync);
        numbers.MapPost("/{sid}/release", ReleaseAsync);
        numbers.MapPost("/{sid}/configure-webhooks", ConfigureAsync);
        return api;
    }

    private static async Task<Ok<IReadOnlyList<OwnedNumber>>> ListAsync(HttpContext http, NumberStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok(await store.ListAsync(http.User.GetAgent().TenantId, cancellationToken));

    private static async Task<Results<Ok<IReadOnlyList<OwnedNumber>>, ProblemHttpResult>> SetDefaultAsync(
        NumberChoice? body, HttpContext http, NumberStore store, CancellationToken cancellationToken)
    {
        if (!E164Number.TryParse(body?.Number, out var number, out var problem))
        {
            return Problems.Create(400, "invalid-number", "Send { \"number\": \"+1…\" }", problem);
        }
        var tenantId = http.User.GetAgent().TenantId;
        return await store.SetDefaultAsync(tenantId, number.Value, cancellationToken)
            ? TypedResults.Ok(await store.ListAsync(tenantId, cancellationToken))
            : Problems.Create(404, "number-not-found", "The business has no such number");
    }

    private static async Task<Results<Ok<IReadOnlyList<AvailableNumber>>, ProblemHttpResult>> SearchAsync(
        string? areaCode, string? contains, ITwilioApi twilio, CancellationToken cancellationToken)
    {
        areaCode = string.IsNullOrEmpty(areaCode) ? null : areaCode;
        contains = string.IsNullOrEmpty(contains) ? null : contains;
        if (areaCode is not null && (areaCode.Length != 3 || !areaCode.All(char.IsAsciiDigit)))
        {
            return Problems.Create(400, "invalid-area-code", "areaCode must be three digits");
        }
        if (contains is not null && (contains.Length is 0 or > 10 || !contains.All(c => char.IsAsciiLetterOrDigit(c) || c == '*')))
        {
            return Problems.Create(400, "invalid-contains", "contains takes up to 10 digits, letters or '*'");
        }
        return await TwilioCallAsync(() => twilio.SearchAvailableNumbersAsync("US", areaCode, contains, cancellationToken), TypedResults.Ok);
    }

    private static async Task<Results<Ok<OwnedNumber>, ProblemHttpResult>> PurchaseAsync(
        NumberPurchase? body, HttpContext http, ITwilioApi twilio, NumberStore store, WebhookUrls urls, TimeProvider timeProvider, CancellationToken cancellationToken)
    {
        if (!E164Number.TryParse(body?.PhoneNumber, out var number, out var problem))
        {
            return Problems.Create(400, "invalid-number", "Send { \"phoneNumber\": \"+1…\", \"state\"?: \"IL\" }", problem);
        }
        if (!AreaCodes.TryNormalizeState(body!.State, out var state))
        {
            return Problems.Create(400, "invalid-state", "state must be a two-letter state code");
        }
        var tenantId = http.User.GetAgent().TenantId;
        // Checked before Twilio is asked: buying first and failing to record it would leave a number billed to
        // the account that no business can use.
        switch (await store.OwnerAsync(number.Value, cancellationToken))
        {
            case { } owner when owner == tenantId:
                return Problems.Create(409, "number-already-owned", "The business already has this number", "See GET /api/numbers.");
            case not null:
                return Problems.Create(409, "number-not-available", "This number cannot be bought here", "Another business on this gateway uses it; pick another number.");
        }
        return await TwilioCallAsync(() => twilio.BuyNumberAsync(number.Value, Hooks(urls), cancellationToken), async bought =>
        {
            await store.UpsertAsync(tenantId, number.Value, state ?? AreaCodes.StateOf(number.AreaCode), bought.Sid, timeProvider.GetUtcNow(), CancellationToken.None);
            return TypedResults.Ok((await store.FindBySidAsync(tenantId, bought.Sid, CancellationToken.None))!);
        });
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> ReleaseAsync(string sid, HttpContext http, ITwilioApi twilio, NumberStore store, CancellationToken cancellationToken)
    {
        var tenantId = http.User.GetAgent().TenantId;
        if (await store.FindBySidAsync(tenantId, sid, cancellationToken) is null)
        {
            return Problems.Create(404, "number-not-found", "The business has no number with this SID");
        }
        try
        {
            await twilio.ReleaseNumberAsync(sid, cancellationToken);
        }
        catch (TwilioApiException error) when (error.Status == 404)
        {
            // Twilio no longer has it on the account (released elsewhere): forgetting it is what the agent asked for.
        }
        catch (TwilioApiException error)
        {
            // Twilio keeps the number (and bills it): so does the business's list.
            return TwilioRefused(error);
        }
        catch (TwilioUnreachableException error)
        {
            return Problems.Create(503, "twilio-unreachable", "Twilio could not be reached; the number is kept", error.Message);
        }
        await store.DeleteAsync(tenantId, sid, CancellationToken.None);
        return TypedResults.NoContent();
    }

    private static async Task<Results<Ok<IncomingNumber>, ProblemHttpResult>> ConfigureAsync(string sid, HttpContext http, ITwilioApi twilio, NumberStore store, WebhookUrls urls, CancellationToken cancellationToken)
    {
        if (await store.FindBySidAsync(http.User.GetAgent().TenantId, sid, cancellationToken) is null)
        {
            return Problems.Create(404, "number-not-found", "The business has no number with this SID");
        }
        return await TwilioCallAsync(() => twilio.ConfigureNumberAsync(sid, Hooks(urls), cancellationToken), TypedResults.Ok);
    }

    private static ProblemHttpResult TwilioRefused(TwilioApiException error) =>
        Problems.Create(error.Status is >= 400 and < 500 ? 422 : 502, "twilio-error", "Twilio refused the request", error.TwilioMessage,
            new() { ["twilioCode"] = error.Code, ["moreInfo"] = error.MoreInfo });

    private static NumberWebhooks Hooks(WebhookUrls urls) =>
        new(urls.Voice(urls.BaseUrl, "inbound"), urls.SmsCallback(urls.BaseUrl, "inbound"), urls.VoiceCallback(urls.BaseUrl, "status"));

    /// <summary>Maps Twilio's refusals to 502 ProblemDetails carrying Twilio's error code.</summary>
    private static async Task<Results<TOk, ProblemHttpResult>> TwilioCallAsync<T, TOk>(Func<Task<T>> call, Func<T, TOk> ok) where TOk : IResult =>
        await TwilioCallAsync(call, value => Task.FromResult(ok(value)));

    private static async Task<Results<TOk, ProblemHttpResult>> TwilioCallAsync<T, TOk>(Func<Task<T>> call, Func<T, Task<TOk>> ok) where TOk : IResult
    {
        T value;
        try
        {
            value = await call();
        }
        catch (TwilioApiException error)
        {
            return TwilioRefused(error);
        }
        catch (TwilioUnreachableException error)
        {
            return Problems.Create(503, "twilio-unreachable", "Twilio could not be reached", error.Message);
        }
        return await ok(value);
    }
}
