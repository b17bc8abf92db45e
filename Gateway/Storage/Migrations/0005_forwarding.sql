-- Copies of validated Twilio webhooks for downstream URLs (e.g. the CRM), written in the same transaction
-- as the webhook's receipt, delivered by the forwarding worker. One row per target and idempotency key.
CREATE TABLE webhook_outbox (
    id               INTEGER PRIMARY KEY AUTOINCREMENT,
    target           TEXT NOT NULL,
    idempotency_key  TEXT NOT NULL,
    tenant_id        TEXT,
    route            TEXT NOT NULL,
    body             TEXT NOT NULL,
    status           TEXT NOT NULL,          -- pending, delivered, dead
    attempts         INTEGER NOT NULL DEFAULT 0,
    next_attempt_at  TEXT NOT NULL,
    last_error       TEXT,
    created_at       TEXT NOT NULL,
    delivered_at     TEXT,
    UNIQUE (target, idempotency_key)
);
CREATE INDEX ix_webhook_outbox_due ON webhook_outbox (status, next_attempt_at);
