namespace Softphone.Gateway.Twilio;

/// <summary>The A2P 10DLC campaign of a Messaging Service. Only <c>VERIFIED</c> means ready.</summary>
internal sealed record A2pCampaignStatus(string CampaignSid, string Status, IReadOnlyList<string> Errors, DateTimeOffset? DateCreated, DateTimeOffset? DateUpdated)
{
    public bool IsVerified => Status == "VERIFIED";
}
