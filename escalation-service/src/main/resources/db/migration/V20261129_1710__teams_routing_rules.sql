-- Teams and routing rules become data, edited through /api/v1/teams and /api/v1/routing-rules.

-- A support team: the tier it works at, optionally a product area, its people (person ids as notification-service
-- knows them, in paging order), its escalation policy and its on-call schedule. Policies and schedules live in tables
-- of their own, created and validated elsewhere, so neither id has a foreign key.
create table team (
    id                   text        primary key,
    name                 text        not null,
    tier                 text        not null,
    product_area         text,
    members              text[]      not null default '{}',
    escalation_policy_id text,
    schedule_id          uuid,
    version              bigint      not null default 0,
    created_at           timestamptz not null,
    created_by           text        not null,
    updated_at           timestamptz not null,
    updated_by           text        not null
);
create index team_tier on team (tier, id);

-- The routing rules, tried in position order (1, 2, ...); the first whose conditions all hold decides. Positions are
-- unique at commit, so a reorder may renumber every rule within its transaction.
create table routing_rule (
    id         uuid        primary key,
    position   int         not null,
    name       text        not null unique,
    -- {"severities":[…],"plans":[…],"customers":[…],"components":[…],"tagsAnyOf":[…],"tagsAllOf":[…],
    --  "sources":[…],"text":{"mode":"REGEX","value":"…"}}
    conditions jsonb       not null,
    -- {"tier":"L2","team":"core","escalationPolicyId":"…","runbookArticleId":"…"}
    action     jsonb       not null,
    version    bigint      not null default 0,
    created_at timestamptz not null,
    created_by text        not null,
    updated_at timestamptz not null,
    updated_by text        not null,
    constraint routing_rule_position unique (position) deferrable initially deferred
);
create index routing_rule_team on routing_rule ((action ->> 'team'));

-- Every change to the rules (create, edit, delete, reorder) keeps the whole ordered rule set as it was afterwards.
create table routing_rule_set_version (
    version    bigint      primary key,
    rules      jsonb       not null,
    change     text        not null,
    changed_by text        not null,
    changed_at timestamptz not null
);
