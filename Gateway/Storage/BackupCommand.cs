using Dapper;

namespace Softphone.Gateway.Storage;

/// <summary>
/// <c>Softphone.Gateway backup &lt;file&gt;</c>: an online, consistent copy of the gateway's SQLite database
/// (<c>VACUUM INTO</c>: one read transaction, so the copy is the database as of one instant while the running
/// gateway keeps writing). It uses the same configuration as the service (file, environment, arguments) to find
/// the database, refuses to overwrite a file, and checks the copy before it says it is done.
/// </summary>
internal static class BackupCommand
{
    public const string Name = "backup";

    public static async Task<int> RunAsync(Database database, string[] args, TextWriter output, TextWriter error)
    {
        if (args.Length != 2 || args[1].StartsWith('-'))
        {
            await error.WriteLineAsync("usage: Softphone.Gateway backup <new-file.db>   (an online, consistent copy of the gateway's database)");
            return 2;
        }
        var target = Path.GetFullPath(args[1]);
        if (File.Exists(target))
        {
            await error.WriteLineAsync($"backup: {target} exists; choose a new file name");
            return 1;
        }
        if (!File.Exists(database.FilePath))
        {
            await error.WriteLineAsync($"backup: there is no database at {database.FilePath} (check Storage:Path)");
            return 1;
        }
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        try
        {
            await using (var connection = await database.OpenAsync())
            {
                await connection.ExecuteAsync("VACUUM INTO @target", new { target });
            }
            await using var copy = new Microsoft.Data.Sqlite.SqliteConnection(
                new Microsoft.Data.Sqlite.SqliteConnectionStringBuilder { DataSource = target, Mode = Microsoft.Data.Sqlite.SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
            await copy.OpenAsync();
            var check = await copy.ExecuteScalarAsync<string>("PRAGMA integrity_check");
            var version = await copy.ExecuteScalarAsync<long>("SELECT MAX(version) FROM schema_migrations");
            if (check != "ok")
            {
                await error.WriteLineAsync($"backup: the copy at {target} failed its integrity check: {check}");
                return 1;
            }
            await output.WriteLineAsync($"backup: {database.FilePath} -> {target} ({new FileInfo(target).Length} bytes, schema version {version}, integrity ok)");
            return 0;
        }
        catch (Microsoft.Data.Sqlite.SqliteException exception)
        {
            await error.WriteLineAsync($"backup: failed: {exception.Message}");
            return 1;
        }
    }
}
