-- DNS verification of login domains: when a domain was proven, and the last check of one still unproven (shown to
-- its admins so they can tell a missing record from a DNS failure).
alter table realm_domain add column verified_at timestamp with time zone;
alter table realm_domain add column last_checked_at timestamp with time zone;
alter table realm_domain add column last_check_error varchar(500);

-- Domains verified before this migration were added as verified by an operator when they were created.
update realm_domain set verified_at = created_at where verified = true;
