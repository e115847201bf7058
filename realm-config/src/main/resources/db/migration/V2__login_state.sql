-- Short-lived sign-on state, shared by every node through the database.

create table federated_user (
    id                varchar(36)  not null primary key,
    realm_id          varchar(36)  not null references realm (id) on delete cascade,
    idp_alias         varchar(255) not null,
    upstream_subject  varchar(255) not null,
    email             varchar(320),
    email_verified    boolean      not null,
    name              varchar(500),
    given_name        varchar(255),
    family_name       varchar(255),
    preferred_username varchar(320),
    created_at        timestamp with time zone not null,
    last_login_at     timestamp with time zone not null,
    constraint uk_federated_user unique (realm_id, idp_alias, upstream_subject)
);

create table pending_login (
    id                     varchar(64)   not null primary key,
    realm_id               varchar(36)   not null references realm (id) on delete cascade,
    client_id              varchar(255)  not null,
    redirect_uri           varchar(2000) not null,
    state                  varchar(2000),
    nonce                  varchar(2000),
    scope                  varchar(1000),
    code_challenge         varchar(128),
    code_challenge_method  varchar(8),
    login_hint_sealed      varchar(2000),
    idp_hint               varchar(255),
    browser_binding        varchar(64)   not null,
    idp_alias              varchar(255),
    upstream_state         varchar(64),
    upstream_nonce         varchar(64),
    upstream_verifier_sealed varchar(500),
    created_at             timestamp with time zone not null,
    expires_at             timestamp with time zone not null,
    constraint uk_pending_upstream_state unique (upstream_state)
);
create index ix_pending_login_expires on pending_login (expires_at);

create table login_session (
    id            varchar(36)  not null primary key,
    realm_id      varchar(36)  not null references realm (id) on delete cascade,
    user_id       varchar(36)  not null references federated_user (id) on delete cascade,
    client_id     varchar(255) not null,
    idp_alias     varchar(255) not null,
    amr           varchar(255),
    acr           varchar(255),
    auth_time     timestamp with time zone not null,
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null,
    revoked_at    timestamp with time zone
);
create index ix_login_session_expires on login_session (expires_at);

create table authorization_code (
    code_hash              varchar(64)   not null primary key,
    realm_id               varchar(36)   not null references realm (id) on delete cascade,
    session_id             varchar(36)   not null references login_session (id) on delete cascade,
    client_id              varchar(255)  not null,
    redirect_uri           varchar(2000) not null,
    nonce                  varchar(2000),
    scope                  varchar(1000),
    code_challenge         varchar(128),
    code_challenge_method  varchar(8),
    created_at             timestamp with time zone not null,
    expires_at             timestamp with time zone not null,
    used_at                timestamp with time zone
);
create index ix_authorization_code_expires on authorization_code (expires_at);

-- Sign-on outcomes for the audit trail: the domain, never the user's address.
create table login_event (
    id            varchar(36)  not null primary key,
    event_time    timestamp with time zone not null,
    realm_name    varchar(255) not null,
    event_type    varchar(32)  not null,
    client_id     varchar(255),
    idp_alias     varchar(255),
    user_id       varchar(36),
    email_domain  varchar(253),
    reason        varchar(255),
    reference     varchar(16),
    address       varchar(64)
);
create index ix_login_event_realm_time on login_event (realm_name, event_time);
