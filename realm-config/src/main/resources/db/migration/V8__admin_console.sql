-- Admin console sign-in: the master realm's authorization codes (authorization code + PKCE for client admin-console)
-- and the console's server-side sessions. Both are in the database so any node can finish a sign-in or serve a
-- session another node started. Only hashes of the code and of the session cookie are stored.
create table admin_authorization_code (
    code_hash      varchar(64)  not null primary key,
    user_id        varchar(36)  not null,
    client_id      varchar(64)  not null,
    redirect_uri   varchar(2000) not null,
    code_challenge varchar(128) not null,
    expires_at     timestamp with time zone not null
);

create table console_session (
    id_hash        varchar(64)  not null primary key,
    admin_user_id  varchar(36),
    -- A digest of the admin's password hash at sign-in: a new password ends every session signed in with the old.
    credential_stamp varchar(64),
    csrf_token     varchar(64)  not null,
    login_state    varchar(64),
    code_verifier  varchar(128),
    created_at     timestamp with time zone not null,
    signed_in_at   timestamp with time zone,
    last_seen_at   timestamp with time zone not null
);
create index console_session_last_seen on console_session (last_seen_at);

-- Secrets the console shows once (a new suite's client secret and LDAP password): sealed with the master key, bound
-- to the console session that created them, deleted when shown or after a few minutes. They let the form's POST
-- redirect to a page a reload cannot repeat.
create table console_reveal (
    id_hash        varchar(64)  not null primary key,
    session_hash   varchar(64)  not null,
    sealed         text         not null,
    created_at     timestamp with time zone not null
);
