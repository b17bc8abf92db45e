using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Dispositions;

/// <summary>The <c>Dispositions</c> section: the set an agent chooses from after a call (13 by default, in appsettings.json).</summary>
internal sealed class DispositionOptions
{
    public const string Section = "Dispositions";

    public List<DispositionRule> Set { get; set; } = [];

    public DispositionRule? Find(string? id) => Set.FirstOrDefault(d => string.Equals(d.Id, id, StringComparison.Ordinal));
}

/// <summary>Refuses a disposition set that cannot work, one line per setting.</summary>
internal sealed class DispositionOptionsValidator : IValidateOptions<DispositionOptions>
{
    public ValidateOptionsResult Validate(string? name, DispositionOptions options)
    {
        var errors = new List<string>();
        if (options.Set.Count == 0)
        {
            errors.Add("Dispositions:Set: at least one disposition is required (appsettings.json lists the 13 defaults).");
        }
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (var i = 0; i < options.Set.Count; i++)
        {
            var rule = options.Set[i];
            var at = $"Dispositions:Set:{i}";
            if (rule.Id.Length is 0 or > 40 || !rule.Id.All(c => c is (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-'))
            {
                errors.Add($"{at}:Id: '{rule.Id}' must be 1-40 lowercase letters, digits and hyphens.");
            }
            else if (!ids.Add(rule.Id))
            {
                errors.Add($"{at}:Id: '{rule.Id}' is used by another disposition.");
            }
            foreach (var (setting, value) in new[] { ("Label", rule.Label), ("ShortLabel", rule.ShortLabel), ("Icon", rule.Icon), ("Stage", rule.Stage) })
            {
                if (string.IsNullOrWhiteSpace(value))
                {
                    errors.Add($"{at}:{setting}: is required.");
                }
            }
            if (rule.FollowUpAfter is { } after && (after <= TimeSpan.Zero || after > TimeSpan.FromDays(366)))
            {
                errors.Add($"{at}:FollowUpAfter: must be longer than zero and at most a year.");
            }
            if (rule.FollowUpAfter is not null && rule.AsksForFollowUpTime)
            {
                errors.Add($"{at}: FollowUpAfter and AsksForFollowUpTime exclude each other.");
            }
        }
        return errors.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(errors);
    }
}
