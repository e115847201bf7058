-- Synced directory: every upstream user of a source is kept (also those the filter excludes), so a delta that
-- carries only changed properties can be merged, and a changed filter can be re-applied without a full resync.
create table synced_user (
    source_id     varchar(36)   not null references directory_source (id) on delete cascade,
    external_id   varchar(255)  not null,
    realm_id      varchar(36)   not null references realm (id) on delete cascade,
    attributes    varchar(200000) not null,
    content_hash  varchar(64)   not null,
    included      boolean       not null,
    created_at    timestamp with time zone not null,
    updated_at    timestamp with time zone not null,
    constraint pk_synced_user primary key (source_id, external_id)
);
create index ix_synced_user_realm on synced_user (realm_id, included);

create table synced_group (
    source_id     varchar(36)   not null references directory_source (id) on delete cascade,
    external_id   varchar(255)  not null,
    realm_id      varchar(36)   not null references realm (id) on delete cascade,
    display_name  varchar(1000),
    updated_at    timestamp with time zone not null,
    constraint pk_synced_group primary key (source_id, external_id)
);

-- Direct memberships only; nested (transitive) membership is computed from these.
create table synced_membership (
    source_id     varchar(36)   not null references directory_source (id) on delete cascade,
    group_id      varchar(255)  not null,
    member_id     varchar(255)  not null,
    member_kind   varchar(8)    not null,
    constraint pk_synced_membership primary key (source_id, group_id, member_id)
);

-- Per source: where the next delta starts, the filter the stored inclusion flags reflect, the cross-node run lease
-- and an admin's pending confirmation of a run the mass-deletion guard held.
create table sync_state (
    source_id           varchar(36)  not null primary key references directory_source (id) on delete cascade,
    users_delta_link    varchar(8000),
    groups_delta_link   varchar(8000),
    applied_filter      varchar(10000),
    applied_options     varchar(1000),
    lease_owner         varchar(100),
    lease_until         timestamp with time zone,
    approved_removals   integer,
    last_run_at         timestamp with time zone,
    force_full          boolean not null
);

create table sync_run (
    id               varchar(36)  not null primary key,
    source_id        varchar(36)  not null references directory_source (id) on delete cascade,
    realm_id         varchar(36)  not null references realm (id) on delete cascade,
    trigger_kind     varchar(16)  not null,
    mode             varchar(16),
    status           varchar(16)  not null,
    node             varchar(100) not null,
    started_at       timestamp with time zone not null,
    finished_at      timestamp with time zone,
    upstream_objects integer,
    added            integer,
    updated          integer,
    removed          integer,
    served           integer,
    error            varchar(2000)
);
create index ix_sync_run_source on sync_run (source_id, started_at);

-- Bumped in the commit of every run that changed what a realm serves; other nodes compare it to swap their view.
create table directory_version (
    realm_id    varchar(36) not null primary key references realm (id) on delete cascade,
    version     bigint      not null,
    changed_at  timestamp with time zone not null
);
