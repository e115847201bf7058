package cloud.federation.sync.source;

import cloud.federation.realm.model.DirectorySourceEntity;

import java.util.Set;

/** The config keys each kind of source accepts, which of them are secrets, and which are required. */
enum SourceKind {
    ENTRA(DirectorySourceEntity.Kind.entra,
            Set.of("tenantId", "clientId", "cloud", "authorityHost", "graphBaseUrl", "scope", "trustedCaPem",
                    "disabledUsers"),
            Set.of("clientSecret")),
    WEBEX(DirectorySourceEntity.Kind.webex,
            Set.of("clientId", "apiBaseUrl", "trustedCaPem", "disabledUsers", "objectTypes"),
            Set.of("accessToken", "clientSecret", "refreshToken"));

    final DirectorySourceEntity.Kind entityKind;
    final Set<String> publicKeys;
    final Set<String> secretKeys;

    SourceKind(DirectorySourceEntity.Kind entityKind, Set<String> publicKeys, Set<String> secretKeys) {
        this.entityKind = entityKind;
        this.publicKeys = publicKeys;
        this.secretKeys = secretKeys;
    }

    static SourceKind of(DirectorySourceEntity.Kind kind) {
        return kind == DirectorySourceEntity.Kind.entra ? ENTRA : WEBEX;
    }
}
