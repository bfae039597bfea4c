-- Idempotency-Key: one row per caller and key. Inserted (in progress) before the request runs, so a concurrent
-- retry finds it and is refused; completed with the answer afterwards, so a later retry gets the answer again.
-- Rows older than tierline.platform.idempotency.retention are deleted in batches by IdempotencyCleanup.
create table idempotency_key (
    id              uuid        primary key,
    caller          text        not null,
    idem_key        text        not null,
    -- SHA-256 (hex) of the method, the path and the body: the same key may only repeat the same request
    fingerprint     text        not null,
    created_at      timestamptz not null,
    -- null while the first request is in progress
    completed_at    timestamptz,
    status          int,
    content_type    text,
    location        text,
    etag            text,
    body            bytea,
    -- the answer was marked Cache-Control: no-store (it held a secret): its body is not kept
    answer_withheld boolean     not null default false,
    unique (caller, idem_key)
);
create index idempotency_key_created_at on idempotency_key (created_at);
