-- "Test sign-in": an admin runs a real upstream login without signing anyone in to a suite.

-- One-time start links. Only the SHA-256 of the token is stored: a database reader cannot start a test login.
create table test_sign_in_start (
    token_hash    varchar(64)  not null primary key,
    realm_id      varchar(36)  not null references realm (id) on delete cascade,
    idp_alias     varchar(255) not null,
    requested_by  varchar(255),
    created_at    timestamp with time zone not null,
    expires_at    timestamp with time zone not null
);
create index ix_test_sign_in_start_expires on test_sign_in_start (expires_at);

-- A test login has no suite: no client and no redirect URI to answer, only a result page.
alter table pending_login add column test_sign_in boolean default false not null;
alter table pending_login alter column client_id drop not null;
alter table pending_login alter column redirect_uri drop not null;
