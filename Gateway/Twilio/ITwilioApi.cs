namespace Softphone.Gateway.Twilio;

/// <summary>What the gateway asks of Twilio's REST API. Two implementations: the real REST client and the simulation.</summary>
internal interface ITwilioApi
{
    bool IsSimulated { get; }

    Task<TwilioCall> CreateCallAsync(CreateCallRequest request, CancellationToken cancellationToken);

    Task<TwilioMessage> CreateMessageAsync(CreateMessageRequest request, CancellationToken cancellationToken);

    Task<IReadOnlyList<AvailableNumber>> SearchAvailableNumbersAsync(string country, string? areaCode, string? contains, CancellationToken cancellationToken);

    Task<IncomingNumber> BuyNumberAsync(string phoneNumber, NumberWebhooks webhooks, CancellationToken cancellationToken);

    Task<IncomingNumber> ConfigureNumberAsync(string sid, NumberWebhooks webhooks, CancellationToken cancellationToken);

    Task ReleaseNumberAsync(string sid, CancellationToken cancellationToken);

    /// <summary>The Messaging Service's A2P campaign, or null when it has none.</summary>
    /// <summary>A call recording's audio (MP3 from Twilio; a generated WAV when simulated) and its content type.</summary>
    Task<(byte[] Audio, string ContentType)> GetRecordingAudioAsync(string recordingSid, CancellationToken cancellationToken);

    /// <summary>The account's status (<c>active</c>, <c>suspended</c>, <c>closed</c>): an authenticated GET that proves the credentials.</summary>
    Task<string> GetAccountStatusAsync(CancellationToken cancellationToken);

    Task<A2pCampaignStatus?> GetCampaignStatusAsync(string messagingServiceSid, CancellationToken cancellationToken);
}
