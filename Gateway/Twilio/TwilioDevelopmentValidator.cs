using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Twilio;

/// <summary>Outside Development the development webhook token is refused, like the other dev secrets.</summary>
internal sealed class TwilioDevelopmentValidator(IHostEnvironment environment) : IValidateOptions<TwilioOptions>
{
    public const string DevelopmentAuthToken = "dev-twilio-auth-token";

    public ValidateOptionsResult Validate(string? name, TwilioOptions options) =>
        !environment.IsDevelopment() && options.AuthToken == DevelopmentAuthToken
            ? ValidateOptionsResult.Fail("Twilio:AuthToken is a development value; set the account's auth token (or TWILIO_AUTH_TOKEN) outside the Development environment.")
            : ValidateOptionsResult.Success;
}
