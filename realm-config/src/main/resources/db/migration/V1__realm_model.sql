-- One schema for H2 and PostgreSQL: only portable types (varchar, boolean, integer, bigint, timestamp with time zone).
-- Ids are UUID strings as in Keycloak's representations.

create table realm (
    id              varchar(36)   not null primary key,
    name            varchar(255)  not null,
    display_name    varchar(255),
    enabled         boolean       not null,
    attributes_json varchar(100000) not null,
    created_at      timestamp with time zone not null,
    constraint uk_realm_name unique (name)
);

create table realm_domain (
    id                varchar(36)  not null primary key,
    realm_id          varchar(36)  not null references realm (id) on delete cascade,
    name              varchar(253) not null,
    match_subdomains  boolean      not null,
    verified          boolean      not null,
    verification_token varchar(64),
    created_at        timestamp with time zone not null,
    constraint uk_domain_name unique (name)
);

create table identity_provider (
    id                 varchar(36)   not null primary key,
    realm_id           varchar(36)   not null references realm (id) on delete cascade,
    alias              varchar(255)  not null,
    provider_id        varchar(32)   not null,
    enabled            boolean       not null,
    display_name       varchar(255),
    priority           integer       not null,
    trust_email        boolean       not null,
    hide_on_login      boolean       not null,
    config_json        varchar(1000000) not null,
    secret_config      varchar(100000),
    created_at         timestamp with time zone not null,
    constraint uk_idp_alias unique (realm_id, alias)
);

create table idp_mapper (
    id            varchar(36)  not null primary key,
    idp_id        varchar(36)  not null references identity_provider (id) on delete cascade,
    name          varchar(255) not null,
    mapper_type   varchar(255) not null,
    config_json   varchar(100000) not null,
    constraint uk_idp_mapper_name unique (idp_id, name)
);

create table suite_client (
    id                    varchar(36)   not null primary key,
    realm_id              varchar(36)   not null references realm (id) on delete cascade,
    client_id             varchar(255)  not null,
    name                  varchar(255),
    description           varchar(1000),
    enabled               boolean       not null,
    public_client         boolean       not null,
    secret_hash           varchar(255),
    redirect_uris_json    varchar(100000) not null,
    post_logout_uris_json varchar(100000) not null,
    attributes_json       varchar(100000) not null,
    created_at            timestamp with time zone not null,
    constraint uk_client_id unique (realm_id, client_id)
);

create table directory_source (
    id             varchar(36)  not null primary key,
    realm_id       varchar(36)  not null references realm (id) on delete cascade,
    name           varchar(255) not null,
    kind           varchar(16)  not null,
    enabled        boolean      not null,
    config_json    varchar(100000) not null,
    secret_config  varchar(100000),
    filter         varchar(10000),
    schedule       varchar(255),
    created_at     timestamp with time zone not null,
    constraint uk_directory_source_name unique (realm_id, name)
);

create table signing_key (
    id                   varchar(36)  not null primary key,
    realm_id             varchar(36)  not null references realm (id) on delete cascade,
    kid                  varchar(64)  not null,
    algorithm            varchar(16)  not null,
    status               varchar(16)  not null,
    public_jwk           varchar(10000) not null,
    private_jwk          varchar(20000) not null,
    created_at           timestamp with time zone not null,
    constraint uk_signing_key_kid unique (kid)
);

create table admin_user (
    id             varchar(36)  not null primary key,
    username       varchar(255) not null,
    password_hash  varchar(255) not null,
    enabled        boolean      not null,
    managed_realm  varchar(255),
    created_at     timestamp with time zone not null,
    constraint uk_admin_username unique (username)
);

create table admin_event (
    id              varchar(36)  not null primary key,
    event_time      timestamp with time zone not null,
    realm_name      varchar(255) not null,
    actor_id        varchar(36),
    actor_username  varchar(255),
    actor_address   varchar(64),
    operation_type  varchar(16)  not null,
    resource_type   varchar(64)  not null,
    resource_path   varchar(1000) not null,
    representation  varchar(100000)
);
create index ix_admin_event_realm_time on admin_event (realm_name, event_time);

create table login_failure (
    subject_key    varchar(300) not null primary key,
    failures       integer      not null,
    last_failure   timestamp with time zone not null,
    locked_until   timestamp with time zone
);
