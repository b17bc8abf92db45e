namespace Softphone.Gateway.Sms;

/// <summary>A tenant's A2P 10DLC campaign as last read.</summary>
internal sealed class A2pState
{
    public string Status { get; init; } = "";
    public string? CampaignSid { get; init; }
    public DateTimeOffset? SubmittedAt { get; init; }
    /// <summary>Why the campaign is not approved, as Twilio said it (its <c>errors</c>), or why it cannot be read.</summary>
    public string? Errors { get; init; }
    public DateTimeOffset CheckedAt { get; init; }
    public DateTimeOffset? NextCheckAt { get; init; }
    public DateTimeOffset? VerifiedAt { get; init; }

    public bool IsApproved => Status == "VERIFIED";

    /// <summary>Twilio's verdict is final until someone resubmits: texting stays off and says why.</summary>
    public bool IsRejected => Status is "FAILED" or "SUSPENDED" or "EXPIRED";
}
