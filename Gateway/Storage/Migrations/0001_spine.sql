-- Tenants, numbers, leads, calls, the lead timeline and node transitions.
-- Timestamps are UTC ISO 8601 text (sortable). Everything is scoped by tenant_id.

CREATE TABLE tenants (
    id          TEXT NOT NULL PRIMARY KEY,
    name        TEXT NOT NULL,
    call_mode   TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL
);

CREATE TABLE numbers (
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    e164        TEXT NOT NULL,
    state       TEXT,
    is_default  INTEGER NOT NULL DEFAULT 0,
    created_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, e164)
);

CREATE TABLE leads (
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    id          TEXT NOT NULL,
    name        TEXT,
    state       TEXT,
    phone       TEXT NOT NULL,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);

-- One row per press. status: routing (in flight) -> placed | unconfirmed | not-placed.
CREATE TABLE calls (
    tenant_id       TEXT NOT NULL REFERENCES tenants(id),
    id              TEXT NOT NULL,
    agent_id        TEXT NOT NULL,
    lead_id         TEXT NOT NULL,
    to_e164         TEXT NOT NULL,
    mode            TEXT NOT NULL,
    status          TEXT NOT NULL,
    route           TEXT,
    confirmed       INTEGER NOT NULL DEFAULT 0,
    reason          TEXT,
    reason_detail   TEXT,
    node_id         TEXT,
    node_state      TEXT,
    dial_attempts   INTEGER NOT NULL DEFAULT 0,
    caller_id       TEXT,
    caller_id_rule  TEXT,
    fallback_at     TEXT,
    created_at      TEXT NOT NULL,
    updated_at      TEXT NOT NULL,
    PRIMARY KEY (tenant_id, id)
);
CREATE INDEX ix_calls_lead ON calls (tenant_id, lead_id, created_at);
CREATE INDEX ix_calls_created ON calls (tenant_id, created_at);

CREATE TABLE timeline (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id   TEXT NOT NULL REFERENCES tenants(id),
    lead_id     TEXT NOT NULL,
    at          TEXT NOT NULL,
    kind        TEXT NOT NULL,
    call_id     TEXT,
    summary     TEXT NOT NULL,
    details     TEXT
);
CREATE INDEX ix_timeline_lead ON timeline (tenant_id, lead_id, at);

CREATE TABLE node_transitions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    tenant_id   TEXT NOT NULL,
    node_id     TEXT NOT NULL,
    at          TEXT NOT NULL,
    from_state  TEXT NOT NULL,
    to_state    TEXT NOT NULL,
    reason      TEXT NOT NULL
);
CREATE INDEX ix_node_transitions ON node_transitions (tenant_id, node_id, at);
