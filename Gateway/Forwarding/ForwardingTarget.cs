namespace Softphone.Gateway.Forwarding;

/// <summary>One downstream URL and the webhook routes it wants (e.g. <c>voice/status</c>, <c>sms/inbound</c>; <c>*</c> or none listed: all).</summary>
internal sealed class ForwardingTarget
{
    public string Name { get; set; } = "";

    public string Url { get; set; } = "";

    // No initializer: the configuration binder appends to a list's initial items, so a default of "*" would
    // make every target want everything whatever its configuration says.
    public List<string> Routes { get; set; } = [];

    public bool Wants(string route) => Routes.Count == 0 || Routes.Contains("*") || Routes.Contains(route);
}
