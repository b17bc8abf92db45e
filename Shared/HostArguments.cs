namespace Softphone.Shared;

/// <summary>
/// The arguments both hosts hand to <c>WebApplication.CreateBuilder</c>. The builder's own
/// <c>appsettings.json</c>/<c>appsettings.{Environment}.json</c> sources would otherwise be watched for changes
/// through a recursive file-system watcher on the content root, which is the working directory: with the
/// database (or the agent's ledger) under it, every write fired the watcher and cost each press about
/// 0.6 ms of the gateway's CPU and 0.4 ms of the agent's (measured with <c>scripts/bench-node-link.py</c>).
/// Settings are read once at start (<see cref="ConfigFile"/>, reloading is not supported), so the watch is off.
/// </summary>
public static class HostArguments
{
    /// <summary>The host setting that turns the configuration files' change watch off.</summary>
    public const string NoConfigurationWatch = "--hostBuilder:reloadConfigOnChange=false";

    /// <summary><paramref name="args"/> followed by <see cref="NoConfigurationWatch"/>.</summary>
    public static string[] For(string[]? args) => [.. args ?? [], NoConfigurationWatch];
}
