-- Lookups that run for every mail or every send, on tables that grow with every mail:
-- the flood guard and the loop guard count a sender's recent mail; the outbox counts a recipient's
-- recent sends against the rate limit.
CREATE INDEX ix_message_from ON message (from_address, received_at);
CREATE INDEX ix_outbox_recipient ON outbox (recipient, sent_at);
