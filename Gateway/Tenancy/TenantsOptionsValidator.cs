using Microsoft.Extensions.Options;
using Softphone.Shared.Calls;
using Softphone.Shared.Phones;

namespace Softphone.Gateway.Tenancy;

/// <summary>
/// Refuses to start with a tenant configuration that cannot work, naming the setting; outside the
/// Development environment it also refuses the well-known development keys and secrets.
/// </summary>
internal sealed class TenantsOptionsValidator(IHostEnvironment environment) : IValidateOptions<TenantsOptions>
{
    public static readonly IReadOnlySet<string> DevelopmentSecrets = new HashSet<string>(StringComparer.Ordinal) { "dev-boss-key", "dev-node-secret" };

    public ValidateOptionsResult Validate(string? name, TenantsOptions options)
    {
        var errors = new List<string>();
        if (options.Count == 0)
        {
            errors.Add("Tenants: at least one tenant must be configured.");
        }
        var nodeIds = new HashSet<string>(StringComparer.Ordinal);
        var apiKeys = new HashSet<string>(StringComparer.Ordinal);
        var allNumbers = new HashSet<string>(StringComparer.Ordinal);
        foreach (var (tenantId, tenant) in options)
        {
            var at = $"Tenants:{tenantId}";
            if (!Twilio.TwilioIdentity.IsSafePart(tenantId))
            {
                errors.Add($"{at}: tenant ids are letters and digits only (they form the Twilio client identity).");
            }
            foreach (var number in tenant.Numbers)
            {
                if (E164Number.TryParse(number.Number, out var parsed, out _) && !allNumbers.Add(parsed.Value))
                {
                    errors.Add($"{at}:Numbers: {parsed.Value} is configured twice (a number belongs to one tenant).");
                }
            }
            if (!CallModeNames.TryParse(tenant.CallMode, out _))
            {
                errors.Add($"{at}:CallMode must be one of {string.Join(", ", CallModeNames.All)}.");
            }
            foreach (var (agentId, agent) in tenant.Agents)
            {
                if (!Twilio.TwilioIdentity.IsSafePart(agentId))
                {
                    errors.Add($"{at}:Agents:{agentId}: agent ids are letters and digits only (they form the Twilio client identity).");
                }
                if (agent.ForwardTo is not null && !E164Number.TryParse(agent.ForwardTo, out _, out _))
                {
                    errors.Add($"{at}:Agents:{agentId}:ForwardTo is not a dialable number.");
                }
                CheckSecret(errors, $"{at}:Agents:{agentId}:ApiKey", agent.ApiKey);
                if (!apiKeys.Add(agent.ApiKey))
                {
                    errors.Add($"{at}:Agents:{agentId}:ApiKey is used by another agent.");
                }
                if (agent.Node is not null && !tenant.Nodes.ContainsKey(agent.Node))
                {
                    errors.Add($"{at}:Agents:{agentId}:Node names '{agent.Node}', which is not in {at}:Nodes.");
                }
            }
            foreach (var (nodeId, node) in tenant.Nodes)
            {
                if (!nodeIds.Add(nodeId))
                {
                    errors.Add($"{at}:Nodes:{nodeId}: node ids must be unique across tenants.");
                }
                if (node.Link is not ("tunnel" or "direct"))
                {
                    errors.Add($"{at}:Nodes:{nodeId}:Link must be tunnel or direct.");
                }
                else if (node.Link == "direct" && (!Uri.TryCreate(node.Url, UriKind.Absolute, out var url) || url.Scheme is not ("http" or "https")))
                {
                    errors.Add($"{at}:Nodes:{nodeId}:Url must be an absolute http(s) URL (a direct link connects to it).");
                }
                if (!System.Text.RegularExpressions.Regex.IsMatch(nodeId, @"\A[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\z"))
                {
                    errors.Add($"{at}:Nodes:{nodeId}: node ids are letters, digits and inner '-' (at most 63).");
                }
                CheckSecret(errors, $"{at}:Nodes:{nodeId}:Secret", node.Secret);
            }
            CheckNumbers(errors, at, tenant);
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }

    private void CheckSecret(List<string> errors, string setting, string value)
    {
        if (string.IsNullOrWhiteSpace(value) || value.Length < 8)
        {
            errors.Add($"{setting} must be set (at least 8 characters).");
        }
        else if (!environment.IsDevelopment() && DevelopmentSecrets.Contains(value))
        {
            errors.Add($"{setting} is a development value; set a real one outside the Development environment.");
        }
    }

    private static void CheckNumbers(List<string> errors, string at, TenantOptions tenant)
    {
        var numbers = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < tenant.Numbers.Count; i++)
        {
            if (E164Number.TryParse(tenant.Numbers[i].Number, out var number, out var problem))
            {
                numbers.Add(number.Value);
            }
            else
            {
                errors.Add($"{at}:Numbers:{i}:Number is not a dialable number: {problem}");
            }
        }
        if (tenant.Numbers.Count(n => n.Default) > 1)
        {
            errors.Add($"{at}:Numbers: at most one number can be the Default.");
        }
        foreach (var (state, mapped) in tenant.StateMap)
        {
            if (!E164Number.TryParse(mapped, out var number, out _) || !numbers.Contains(number.Value))
            {
                errors.Add($"{at}:StateMap:{state} must name one of {at}:Numbers.");
            }
        }
    }
}
