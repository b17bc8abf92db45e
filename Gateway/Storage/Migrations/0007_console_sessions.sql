-- Sign-in sessions of the agent console (the page at /). The cookie carries a random token; only its SHA-256
-- is stored, so a copy of the database cannot be replayed as a session. key_hash binds the session to the API
-- key it was opened with: rotating an agent's key ends its sessions. Sign-out deletes the row.
CREATE TABLE console_sessions (
    token_hash   TEXT PRIMARY KEY,
    tenant_id    TEXT NOT NULL,
    agent_id     TEXT NOT NULL,
    key_hash     TEXT NOT NULL,
    csrf_token   TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    expires_at   TEXT NOT NULL
);
CREATE INDEX ix_console_sessions_expiry ON console_sessions (expires_at);
