-- A row the relay can never send (larger than the broker accepts, not a valid record) is parked with
-- its reason instead of being retried for ever in front of its shard; an operator reads the reason,
-- fixes the cause and clears parked_at to send it again.
ALTER TABLE outbox_event
    ADD COLUMN parked_at   DATETIME(6)   NULL,
    ADD COLUMN park_reason VARCHAR(1000) NULL;
