-- The ids of applied events are kept for tierline.platform.consumer.dedup-retention, then deleted in batches by
-- InboxCleanup; this index finds the old ones.
create index processed_event_processed_at on processed_event (processed_at);
