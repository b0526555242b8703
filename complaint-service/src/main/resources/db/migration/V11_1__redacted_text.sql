-- Title and content with the citizen's personal data taken out (pii/Redaction): what staff who may
-- not see the contact read and search (issue 11). Filled at intake; rows from before this
-- migration are filled at start-up (service/RedactedTextBackfill) and match no text search until then.
ALTER TABLE complaint ADD COLUMN redacted_title VARCHAR(400) NULL;
ALTER TABLE complaint ADD COLUMN redacted_content TEXT NULL;
