-- Twilio: number SIDs, voice call legs by CallSid, webhook receipts (idempotency), browser presence,
-- and the durable per-tenant event log behind GET /api/events.

ALTER TABLE numbers ADD COLUMN sid TEXT;
-- Inbound calls find their tenant by the number called: a number belongs to one tenant.
CREATE UNIQUE INDEX ux_numbers_e164 ON numbers (e164);
CREATE UNIQUE INDEX ux_numbers_sid ON numbers (sid) WHERE sid IS NOT NULL;

ALTER TABLE calls ADD COLUMN twilio_call_sid TEXT;

-- One row per Twilio call leg. status_rank only grows (queued 0 < initiated 1 < ringing 2 <
-- in-progress 3 < final 4), so a late or repeated callback never moves a call backwards.
CREATE TABLE voice_calls (
    call_sid            TEXT NOT NULL PRIMARY KEY,
    tenant_id           TEXT NOT NULL,
    call_id             TEXT,
    lead_id             TEXT,
    agent_id            TEXT,
    direction           TEXT NOT NULL,
    from_number         TEXT,
    to_number           TEXT,
    status              TEXT NOT NULL,
    status_rank         INTEGER NOT NULL,
    sequence            INTEGER NOT NULL DEFAULT -1,
    duration_seconds    INTEGER,
    recording_sid       TEXT,
    recording_url       TEXT,
    recording_duration  INTEGER,
    transcription       TEXT,
    voicemail           INTEGER NOT NULL DEFAULT 0,
    created_at          TEXT NOT NULL,
    updated_at          TEXT NOT NULL
);
CREATE INDEX ix_voice_calls_call ON voice_calls (tenant_id, call_id);

-- A webhook is processed once: the receipt (with the TwiML answered) is written in the same
-- transaction as its effects, and a retry is answered from it.
CREATE TABLE webhook_receipts (
    key          TEXT NOT NULL PRIMARY KEY,
    tenant_id    TEXT,
    route        TEXT NOT NULL,
    received_at  TEXT NOT NULL,
    response     TEXT NOT NULL
);

CREATE TABLE presence (
    tenant_id     TEXT NOT NULL,
    agent_id      TEXT NOT NULL,
    last_seen_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, agent_id)
);

CREATE TABLE events (
    id         INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id  TEXT NOT NULL,
    at         TEXT NOT NULL,
    type       TEXT NOT NULL,
    data       TEXT NOT NULL
);
CREATE INDEX ix_events_tenant ON events (tenant_id, id);
