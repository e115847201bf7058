package cloud.federation.server.support;

import java.util.UUID;

/**
 * The realm whose sign-in pages end users see in {@code SignInPagesTest} (HtmlUnit) and
 * {@code SignInPagesChromiumTest} (Chromium): "Contoso Schweiz", one loopback OpenID Provider serving its domain,
 * and Alice as the next user that provider signs in.
 */
public final class SignInPagesFixture {

    public static final String DISPLAY_NAME = "Contoso Schweiz";
    public static final String LOGO = "https://logos.contoso.example/brand.png";
    public static final String SECOND_ALIAS = "secondary";
    public static final String SECOND_NAME = "Zweiter OP";

    private SignInPagesFixture() {
    }

    /** The realm with its display name and, if {@code logoUrl} is not null, the {@code loginLogoUrl} attribute. */
    public static SignOnSetup realm(LoopbackOp op, String logoUrl) {
        SignOnSetup setup = SignOnSetup.create("pages", op.idpJson("primary", null));
        op.user(new LoopbackOp.User("u-" + UUID.randomUUID(), setup.user("alice"), true, "Alice"));
        AdminApi.admin().body("{\"displayName\":\"" + DISPLAY_NAME + "\""
                        + (logoUrl == null ? "" : ",\"attributes\":{\"loginLogoUrl\":\"" + logoUrl + "\"}") + "}")
                .put("/admin/realms/" + setup.realm).then().statusCode(204);
        return setup;
    }

    /** A second provider for the same domain, so the domain's users get the chooser. */
    public static void addSecondProvider(LoopbackOp op, SignOnSetup setup) {
        AdminApi.admin().body(op.idpJson(SECOND_ALIAS, null).replace("Loopback OP", SECOND_NAME))
                .post("/admin/realms/" + setup.realm + "/identity-provider/instances").then().statusCode(201);
    }
}
