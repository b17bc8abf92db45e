using System.Data;
using System.Data.Common;
using System.Globalization;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Options;

namespace Softphone.Gateway.Storage;

/// <summary>Opens connections to the gateway's SQLite file: WAL, full fsync on commit, a busy timeout.</summary>
/// <remarks>
/// Disposed with the host (after every hosted service has stopped): the connections it pooled are closed then, so a
/// stopped gateway holds no handle on its file (the last one to close removes the write-ahead log). Only this file's
/// pool is cleared; other databases of the same process keep theirs.
/// </remarks>
internal sealed class Database : IDisposable
{
    private readonly string _connectionString;
    private readonly int _busyTimeoutMs;

    public Database(IOptions<StorageOptions> options, IHostEnvironment environment)
    {
        FilePath = System.IO.Path.GetFullPath(options.Value.Path, environment.ContentRootPath);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(FilePath)!);
        _busyTimeoutMs = (int)options.Value.BusyTimeout.TotalMilliseconds;
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = FilePath,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            DefaultTimeout = Math.Max(1, _busyTimeoutMs / 1000),
        }.ToString();
    }

    public string FilePath { get; }

    /// <summary>
    /// SQLite lets one writer in at a time; a writer that finds the lock taken sleeps in growing steps (1, 2, 5,
    /// 10 … 100 ms) before trying again, so under load a 0.5 ms commit can wait tens of milliseconds. Write
    /// transactions of this process queue here instead and are handed the lock in order the moment it is free.
    /// (Single statements and Quartz's own connections still rely on the busy timeout.)
    /// </summary>
    public async ValueTask<WriteTurn> TakeWriteTurnAsync(CancellationToken cancellationToken)
    {
        await _writers.WaitAsync(cancellationToken).ConfigureAwait(false);
        return new WriteTurn(_writers);
    }

    private readonly SemaphoreSlim _writers = new(1, 1);

    /// <summary>Held for one write transaction; disposing it lets the next writer in.</summary>
    public readonly struct WriteTurn(SemaphoreSlim writers) : IDisposable
    {
        public void Dispose() => writers.Release();
    }

    /// <summary>For a library that opens its own connections to the same file (Quartz's job store).</summary>
    public string ConnectionString => _connectionString;

    public async Task<SqliteConnection> OpenAsync(CancellationToken cancellationToken = default)
    {
        var connection = new SqliteConnection(_connectionString);
        await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
        // The settings belong to the native connection, which the pool keeps between opens: set them once per native
        // connection (a webhook retry is answered with one read; parsing five PRAGMAs again cost it more than the read).
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            await using var command = Settings(connection);
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            _configured.AddOrUpdate(handle, Configured);
        }
        return connection;
    }

    /// <summary>
    /// Connections for a library that opens its own (Quartz's job store): the same file and the same settings, set
    /// when the connection opens. Without them a connection of its own has no busy timeout, and the driver answers a
    /// busy database by sleeping 150 ms (seen: every host start waited that long, Quartz's first transaction behind
    /// the migrations).
    /// </summary>
    public DbDataSource DataSource() => new ConfiguredDataSource(this);

    private void Configure(SqliteConnection connection)
    {
        if (connection.Handle is { } handle && !_configured.TryGetValue(handle, out _))
        {
            using var command = Settings(connection);
            command.ExecuteNonQuery();
            _configured.AddOrUpdate(handle, Configured);
        }
    }

    // synchronous=FULL: a write acknowledged with a 2xx survives a power cut, not only a crash.
    // wal_autocheckpoint=0: the CheckpointWorker checkpoints, not the commit that happens to fill the log.
    // journal_size_limit: a log that a burst grew past 64 MB is cut back when it starts over.
    private SqliteCommand Settings(SqliteConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = string.Create(CultureInfo.InvariantCulture,
            $"PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA busy_timeout={_busyTimeoutMs}; PRAGMA wal_autocheckpoint=0; PRAGMA journal_size_limit={JournalSizeLimit};");
        return command;
    }

    private sealed class ConfiguredDataSource(Database database) : DbDataSource
    {
        public override string ConnectionString => database.ConnectionString;

        protected override DbConnection CreateDbConnection()
        {
            var connection = new SqliteConnection(database.ConnectionString);
            connection.StateChange += (sender, change) =>
            {
                if (change.CurrentState == ConnectionState.Open)
                {
                    database.Configure((SqliteConnection)sender);
                }
            };
            return connection;
        }
    }

    /// <summary>
    /// Commits on <paramref name="connection"/> no longer wait for the disk (<c>synchronous=NORMAL</c>). The native
    /// connection is marked unconfigured first, so its next open from the pool sets <c>FULL</c> again whatever happens.
    /// </summary>
    public async Task RelaxSyncAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        if (connection.Handle is { } handle)
        {
            _configured.Remove(handle);
        }
        await using var relaxed = connection.CreateCommand();
        relaxed.CommandText = "PRAGMA synchronous=NORMAL;";
        await relaxed.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    /// <summary>The size (bytes) the write-ahead log is cut back to when it starts over.</summary>
    public const long JournalSizeLimit = 64L * 1024 * 1024;

    public void Dispose()
    {
        using var pooled = new SqliteConnection(_connectionString);
        SqliteConnection.ClearPool(pooled);
    }

    private static readonly object Configured = new();
    private readonly System.Runtime.CompilerServices.ConditionalWeakTable<SQLitePCL.sqlite3, object> _configured = [];
}
