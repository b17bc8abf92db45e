namespace Softphone.Gateway.Forwarding;

/// <summary>One downstream URL and the webhook routes it wants (e.g. <c>voice/status</c>, <c>sms/inbound</c>; <c>*</c> for all).</summary>
internal sealed class ForwardingTarget
{
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    public List<string> Routes { get; set; } = ["*"];

    public bool Wants(string route) => Routes.Contains("*") || Routes.Contains(route);
}
