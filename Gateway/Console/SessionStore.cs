using System.Security.Cryptography;
using System.Text;
using Dapper;
using Softphone.Gateway.Storage;

namespace Softphone.Gateway.Console;

/// <summary>Console sessions in SQLite, found by the SHA-256 of the cookie's token.</summary>
internal sealed class SessionStore(Database database)
{
    public async Task<(string Token, ConsoleSession Session)> OpenAsync(string tenantId, string agentId, string apiKey, DateTimeOffset now, TimeSpan lifetime,
        CancellationToken cancellationToken)
    {
        var token = Base64Url(RandomNumberGenerator.GetBytes(32));
        var session = new ConsoleSession
        {
            TokenHash = Hash(token), TenantId = tenantId, AgentId = agentId, KeyHash = Hash(apiKey),
            CsrfToken = Base64Url(RandomNumberGenerator.GetBytes(24)), CreatedAt = now, ExpiresAt = now + lifetime,
        };
        await using var connection = await database.OpenAsync(cancellationToken);
        // Expired sessions go when new ones are made: the table holds live sessions and a day's worth at most.
        await connection.ExecuteAsync("DELETE FROM console_sessions WHERE expires_at < @now", new { now });
        await connection.ExecuteAsync(
            """
            INSERT INTO console_sessions (token_hash, tenant_id, agent_id, key_hash, csrf_token, created_at, expires_at)
            VALUES (@TokenHash, @TenantId, @AgentId, @KeyHash, @CsrfToken, @CreatedAt, @ExpiresAt)
            """, session);
        return (token, session);
    }

    public async Task<ConsoleSession?> FindAsync(string token, DateTimeOffset now, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        return await connection.QuerySingleOrDefaultAsync<ConsoleSession>(
            """
            SELECT token_hash, tenant_id, agent_id, key_hash, csrf_token, created_at, expires_at
            FROM console_sessions WHERE token_hash = @hash AND expires_at > @now
            """, new { hash = Hash(token), now });
    }

    public async Task CloseAsync(string token, CancellationToken cancellationToken)
    {
        await using var connection = await database.OpenAsync(cancellationToken);
        await connection.ExecuteAsync("DELETE FROM console_sessions WHERE token_hash = @hash", new { hash = Hash(token) });
    }

    public static string Hash(string value) => Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(value)));

    private static string Base64Url(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
}
