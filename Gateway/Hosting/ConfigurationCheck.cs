using Microsoft.Extensions.Options;
using Softphone.Shared;

namespace Softphone.Gateway.Hosting;

/// <summary>
/// Reads every options type registered through <see cref="ValidatedOptions.AddValidatedOptions{T}"/> once,
/// before the host starts, and collects every failure: a broken configuration is reported in one start,
/// one line per bad setting, with no stack trace (the host's own ValidateOnStart stops at the first type).
/// </summary>
internal sealed class ConfigurationCheck
{
    private readonly List<(string Section, Func<IServiceProvider, object> Read)> _reads = [];

    public void Add<T>(string section) where T : class => _reads.Add((section, services => services.GetRequiredService<IOptions<T>>().Value));

    public IReadOnlyList<string> Failures(IServiceProvider services)
    {
        var failures = new List<string>();
        foreach (var (section, read) in _reads)
        {
            try
            {
                read(services);
            }
            catch (OptionsValidationException invalid)
            {
                failures.AddRange(invalid.Failures.Select(f => ConfigurationFailure.OneLine(section, f)));
            }
            catch (InvalidOperationException unbindable)
            {
                // A value that cannot be converted, e.g. "soon" for a TimeSpan.
                failures.Add(ConfigurationFailure.OneLine(section, unbindable.Message));
            }
        }
        return failures.Distinct(StringComparer.Ordinal).ToList();
    }
}
