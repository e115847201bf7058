-- Assertion IDs already consumed, kept until the assertion's own expiry so a replay on any node is refused.
create table saml_replay (
    assertion_key  varchar(600) not null primary key,
    expires_at     timestamp with time zone not null
);
create index ix_saml_replay_expires on saml_replay (expires_at);
