-- What each bump of directory_version changed, so a node brings its in-memory LDAP view up to date by re-reading only
-- the users a commit touched. Written under the row lock of the bump, so versions commit in order per realm.
-- kind: 'user' (source_id, external_id set), 'groups' (the source's groups and memberships), 'suites' (LDAP
-- credentials) or 'all' (anything else, and runs too large to list: readers reload the realm).
create table directory_change (
    realm_id    varchar(36)  not null references realm (id) on delete cascade,
    version     bigint       not null,
    kind        varchar(8)   not null,
    source_id   varchar(36),
    external_id varchar(255),
    changed_at  timestamp with time zone not null
);
create index ix_directory_change on directory_change (realm_id, version);
