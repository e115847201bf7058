package cloud.federation.server.console;

/** The realm a console page belongs to, as the layout's realm navigation needs it. */
public record RealmName(String name) {
}
