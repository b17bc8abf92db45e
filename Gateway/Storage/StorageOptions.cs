using System.ComponentModel.DataAnnotations;

namespace Softphone.Gateway.Storage;

/// <summary>The <c>Storage</c> section.</summary>
internal sealed class StorageOptions
{
    public const string Section = "Storage";

    /// <summary>The SQLite file; relative paths are taken from the content root (working directory).</summary>
    [Required]
    public string Path { get; set; } = "data/gateway.db";

    /// <summary>How long a writer waits for a lock held by another connection.</summary>
    [Range(typeof(TimeSpan), "00:00:00.100", "00:01:00")]
    public TimeSpan BusyTimeout { get; set; } = TimeSpan.FromSeconds(5);

    /// <summary>
    /// How often the write-ahead log is copied into the database file, off the request path (requests never
    /// checkpoint: SQLite's automatic checkpoint would run inside whichever commit crossed 1000 pages).
    /// </summary>
    [Range(typeof(TimeSpan), "00:00:00.050", "00:01:00")]
    public TimeSpan CheckpointInterval { get; set; } = TimeSpan.FromSeconds(1);
}
