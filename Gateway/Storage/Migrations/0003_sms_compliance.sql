-- SMS and compliance: DNC list, opt-outs, messages (threads), A2P status, per-call recording choice.

CREATE TABLE dnc (
    tenant_id   TEXT NOT NULL,
    e164        TEXT NOT NULL,
    reason      TEXT,
    added_by    TEXT,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, e164)
);

-- Business-wide opt-out state per contact, from STOP/START keywords (and Twilio's error 21610).
CREATE TABLE opt_outs (
    tenant_id   TEXT NOT NULL,
    e164        TEXT NOT NULL,
    opted_out   INTEGER NOT NULL,
    keyword     TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, e164)
);

-- status_rank only grows: queued/accepted 0 < sending 1 < sent 2 < final (delivered, undelivered, failed) 3.
CREATE TABLE messages (
    id            TEXT NOT NULL PRIMARY KEY,
    tenant_id     TEXT NOT NULL,
    sid           TEXT UNIQUE,
    direction     TEXT NOT NULL,
    contact       TEXT NOT NULL,
    our_number    TEXT,
    lead_id       TEXT,
    body          TEXT NOT NULL,
    status        TEXT NOT NULL,
    status_rank   INTEGER NOT NULL,
    error_code    INTEGER,
    error_reason  TEXT,
    segments      INTEGER,
    encoding      TEXT,
    is_read       INTEGER NOT NULL DEFAULT 0,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE INDEX ix_messages_thread ON messages (tenant_id, contact, created_at);

CREATE TABLE a2p_status (
    tenant_id      TEXT NOT NULL PRIMARY KEY,
    status         TEXT NOT NULL,
    campaign_sid   TEXT,
    submitted_at   TEXT,
    errors         TEXT,
    checked_at     TEXT NOT NULL
);

ALTER TABLE numbers ADD COLUMN sms_enabled INTEGER NOT NULL DEFAULT 1;
ALTER TABLE calls ADD COLUMN record INTEGER;
ALTER TABLE calls ADD COLUMN hours_overridden INTEGER NOT NULL DEFAULT 0;
-- The Twilio leg's progress as the status callbacks report it (the lead's leg; for a bridge, the agent's until then).
ALTER TABLE calls ADD COLUMN twilio_status TEXT;
ALTER TABLE calls ADD COLUMN duration_seconds INTEGER;
