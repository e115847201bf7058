package cloud.federation.sync.engine;

import cloud.federation.sync.user.DirectoryUser;

/** A synced user row: its attributes, their hash and whether the source's filter currently serves it. */
public record StoredUser(DirectoryUser user, String hash, boolean included) {
}
