-- A press still 'routing' after routing_until was abandoned by the process that ran it (its outcome could
-- not be stored): the next retry of the same call id, or the next start, gives it its one outcome.
ALTER TABLE calls ADD COLUMN routing_until TEXT;

-- A delivery status that arrived before the send that caused it had stored its MessageSid (Twilio can call
-- back before its own REST answer reaches us). Applied when the send completes.
CREATE TABLE sms_early_statuses (
    sid          TEXT NOT NULL,
    status       TEXT NOT NULL,
    error_code   INTEGER,
    received_at  TEXT NOT NULL,
    PRIMARY KEY (sid, status)
);
