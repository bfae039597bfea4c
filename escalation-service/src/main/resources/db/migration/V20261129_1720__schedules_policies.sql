-- On-call schedules (/api/v1/schedules). document: {"layers": [...], "overrides": [...]} exactly as the API takes
-- them (see escalation-service README); the engine in io.tierline.escalation.schedule reads it. Edited with
-- If-Match, hence the version.
create table schedule (
    id         uuid primary key,
    name       text        not null,
    time_zone  text        not null,
    document   jsonb       not null,
    version    bigint      not null default 0,
    created_by text        not null,
    updated_by text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
-- Lists come a page at a time in the order schedules were created (keyset on created_at, id).
create index schedule_created on schedule (created_at, id);

-- Escalation policies (/api/v1/escalation-policies), named by a slug the administrator chooses (core-default).
-- document: {"levels", "repeats", "urgency", "ackTimeouts", "tierMoves"} as the API takes them.
create table escalation_policy (
    id         text primary key check (id ~ '^[a-z0-9][a-z0-9-]{0,62}$'),
    name       text        not null,
    document   jsonb       not null,
    version    bigint      not null default 0,
    created_by text        not null,
    updated_by text        not null,
    created_at timestamptz not null,
    updated_at timestamptz not null
);
create index escalation_policy_created on escalation_policy (created_at, id);
-- "Which policies target this schedule?" (a schedule they target cannot be deleted): jsonb containment on levels.
create index escalation_policy_document on escalation_policy using gin (document jsonb_path_ops);
