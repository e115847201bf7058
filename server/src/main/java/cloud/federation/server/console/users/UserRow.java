package cloud.federation.server.console.users;

/** One search result: the entry's DN, its cn and mail (first values), and the console link to the whole entry. */
public record UserRow(String dn, String cn, String mail, String href) {
}
