namespace Softphone.Shared;

/// <summary>
/// Where both hosts read the one configuration file from: the file named by the
/// <c>SOFTPHONE_CONFIG</c> environment variable when set, else the <c>appsettings.json</c> copied next
/// to the host's binaries at build time (the repository root's file). Environment variables
/// (<c>Section__Key</c>) and command-line arguments override it.
/// </summary>
public static class ConfigFile
{
    /// <summary>The environment variable that names another configuration file.</summary>
    public const string EnvironmentVariable = "SOFTPHONE_CONFIG";

    /// <summary>The path of the configuration file to load, and whether it must exist.</summary>
    public static (string Path, bool Required) Locate()
    {
        var named = Environment.GetEnvironmentVariable(EnvironmentVariable);
        return string.IsNullOrWhiteSpace(named)
            ? (System.IO.Path.Combine(AppContext.BaseDirectory, "appsettings.json"), false)
            : (System.IO.Path.GetFullPath(named), true);
    }
}
