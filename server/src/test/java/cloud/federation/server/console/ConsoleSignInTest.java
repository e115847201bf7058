package cloud.federation.server.console;

import cloud.federation.realm.token.PkceVerifier;
import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.ConsoleBrowser;
import cloud.federation.server.support.PostgresTestDatabase;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.htmlunit.html.HtmlPage;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.URL;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Console sign-in through the master realm (code + PKCE), the session cookie, CSRF, timeouts and sign-out. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class ConsoleSignInTest {

    static final String AUTH = "/realms/master/protocol/openid-connect/auth";

    @TestHTTPResource("/")
    URL base;
    @Inject
    AgroalDataSource dataSource;

    @Test
    void anAdminSignsInThroughTheMasterRealmAndTheSessionCookieIsLockedDown() {
        Response start = RestAssured.given().redirects().follow(false).get("/admin/console");
        assertEquals(303, start.statusCode());
        URI authorize = URI.create(start.header("Location"));
        assertEquals(AUTH, authorize.getPath());
        String query = authorize.getRawQuery();
        assertTrue(query.contains("client_id=admin-console") && query.contains("code_challenge_method=S256")
                && query.contains("code_challenge=") && query.contains("state="), query);
        // A script's fetch without a session learns that it has none; only a page navigation starts a sign-in.
        RestAssured.given().redirects().follow(false).header("Sec-Fetch-Mode", "cors").get("/admin/console")
                .then().statusCode(401).header("Set-Cookie", org.hamcrest.Matchers.nullValue());
        String preSignIn = start.header("Set-Cookie");
        assertTrue(preSignIn.startsWith("federation_console="), preSignIn);
        assertTrue(preSignIn.contains("HttpOnly") && preSignIn.contains("SameSite=Lax")
                && preSignIn.contains("Path=/admin/console"), preSignIn);
        assertFalse(preSignIn.contains("Secure"), "plain HTTP in tests: a Secure cookie would never come back");

        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            HtmlPage signInPage = browser.open("/admin/console");
            String before = browser.sessionCookie().orElseThrow().getValue();
            HtmlPage home = ConsoleBrowser.submitSignIn(signInPage, AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            assertEquals("/admin/console", home.getUrl().getPath());
            assertEquals(AdminApi.ADMIN, home.getHtmlElementById("signed-in-as").getTextContent());
            assertNotEquals(before, browser.sessionCookie().orElseThrow().getValue(),
                    "signing in replaces the session id (no session fixation)");
            assertTrue(browser.sessionCookie().orElseThrow().isHttpOnly());
            String csp = home.getWebResponse().getResponseHeaderValue("Content-Security-Policy");
            assertTrue(csp.contains("frame-ancestors 'none'") && csp.contains("script-src 'self'"), csp);
            assertEquals("no-store", home.getWebResponse().getResponseHeaderValue("Cache-Control"));
            AdminApi.admin().get("/admin/realms/master/admin-events?resourceTypes=ADMIN_CONSOLE_SESSION").then()
                    .statusCode(200).body("resourcePath", org.hamcrest.Matchers.hasItem("console/sign-in"));
        }
    }

    @Test
    void wrongPasswordsAndUnknownUsersGetTheSameAnswerAndNoCode() throws Exception {
        String username = "wrong-pw-" + UUID.randomUUID().toString().substring(0, 8);
        AdminApi.admin().body("{\"username\":\"" + username + "\",\"enabled\":true,\"credentials\":[{\"type\":\"password\","
                + "\"value\":\"right-" + username + "\"}]}").post("/admin/realms/master/users").then().statusCode(201);
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            // From an address of its own: the failures count per address, and every other test signs in from 127.0.0.1.
            browser.client.getOptions().setLocalAddress(java.net.InetAddress.getByName("127.0.0.61"));
            HtmlPage wrong = ConsoleBrowser.submitSignIn(browser.open("/admin/console"), username, "wrong");
            assertEquals(401, wrong.getWebResponse().getStatusCode());
            assertEquals(AUTH, wrong.getUrl().getPath());
            String message = wrong.getHtmlElementById("error").getTextContent();
            HtmlPage unknown = ConsoleBrowser.submitSignIn(browser.open("/admin/console"), "nobody-" + UUID.randomUUID(), "x");
            assertEquals(message, unknown.getHtmlElementById("error").getTextContent());
        }
    }

    @Test
    void theSignInPageServesOnlyTheConsoleWithItsOwnRedirectUriAndPkce() {
        String callback = base.toString().replaceAll("/$", "") + "/admin/console/callback";
        Map<String, String> good = Map.of("client_id", "admin-console", "response_type", "code", "redirect_uri", callback,
                "state", "s1", "code_challenge", PkceVerifier.challenge("v".repeat(50)), "code_challenge_method", "S256");
        RestAssured.given().queryParams(good).get(AUTH).then().statusCode(200).body(containsString("name=\"password\""));

        for (Map.Entry<String, String> bad : Map.of("redirect_uri", "https://evil.example/admin/console/callback",
                "client_id", "some-suite", "code_challenge_method", "plain", "response_type", "token",
                "state", "{x}%41").entrySet()) {
            Map<String, String> params = new java.util.HashMap<>(good);
            params.put(bad.getKey(), bad.getValue());
            Response r = RestAssured.given().redirects().follow(false).queryParams(params).get(AUTH);
            assertEquals(400, r.statusCode(), bad.toString());
            assertNull(r.header("Location"), "never a redirect to what the request named: " + bad);
            assertTrue(r.body().asString().contains("class=\"error\""), bad.toString());
        }
        // A POST with good credentials but a foreign redirect URI issues nothing.
        Map<String, String> evil = new java.util.HashMap<>(good);
        evil.put("redirect_uri", "https://evil.example/cb");
        Response r = RestAssured.given().redirects().follow(false).formParams(evil)
                .formParam("username", AdminApi.ADMIN).formParam("password", AdminApi.ADMIN_PASSWORD).post(AUTH);
        assertEquals(400, r.statusCode());
        assertNull(r.header("Location"));
    }

    @Test
    void aCodeRedeemsOnceAndOnlyWithItsVerifier() {
        String callback = base.toString().replaceAll("/$", "") + "/admin/console/callback";
        String verifier = "a".repeat(43) + UUID.randomUUID().toString().replace("-", "");
        String code = code(callback, PkceVerifier.challenge(verifier));
        redeem(code, callback, "b".repeat(60)).then().statusCode(400).body("error", org.hamcrest.Matchers.equalTo("invalid_grant"));
        redeem(code, callback, verifier).then().statusCode(400)
                .body("error", org.hamcrest.Matchers.equalTo("invalid_grant")); // gone after the failed attempt

        String second = code(callback, PkceVerifier.challenge(verifier));
        String token = redeem(second, callback, verifier).then().statusCode(200).extract().path("access_token");
        AdminApi.as(token).get("/admin/realms").then().statusCode(200);
        redeem(second, callback, verifier).then().statusCode(400);
        // The console's client may not use the password grant.
        RestAssured.given().contentType(ContentType.URLENC).formParam("grant_type", "password")
                .formParam("client_id", "admin-console").formParam("username", AdminApi.ADMIN)
                .formParam("password", AdminApi.ADMIN_PASSWORD)
                .post("/realms/master/protocol/openid-connect/token").then().statusCode(400);
    }

    @Test
    void aCallbackWithoutTheBrowsersPendingSignInIsRefused() throws Exception {
        try (ConsoleBrowser victim = new ConsoleBrowser(base.toString());
             ConsoleBrowser attacker = new ConsoleBrowser(base.toString())) {
            HtmlPage attackerSignIn = attacker.open("/admin/console");
            attacker.client.getOptions().setRedirectEnabled(false);
            attackerSignIn.<org.htmlunit.html.HtmlInput>getHtmlElementById("username").setValue(AdminApi.ADMIN);
            attackerSignIn.<org.htmlunit.html.HtmlInput>getHtmlElementById("password").setValue(AdminApi.ADMIN_PASSWORD);
            org.htmlunit.Page redirect = attackerSignIn.getHtmlElementById("sign-in").click();
            String location = redirect.getWebResponse().getResponseHeaderValue("Location");
            assertTrue(location.contains("/admin/console/callback?code="), location);
            // Login CSRF: the attacker's code delivered to the victim's browser does not sign the victim in.
            HtmlPage page = victim.open(URI.create(location).getRawPath() + "?" + URI.create(location).getRawQuery());
            assertEquals(400, page.getWebResponse().getStatusCode());
            assertTrue(victim.sessionCookie().isEmpty());
            String code = java.util.Arrays.stream(URI.create(location).getRawQuery().split("&"))
                    .filter(p -> p.startsWith("code=")).findFirst().orElseThrow().substring(5);
            try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                    "select count(*) from admin_authorization_code where code_hash = ?")) {
                ps.setString(1, cloud.federation.realm.secrets.GeneratedSecretDigest.digest(code));
                try (var rs = ps.executeQuery()) {
                    rs.next();
                    assertEquals(0, rs.getInt(1), "the misdelivered code is burnt, not left for its other holder");
                }
            }
        }
    }

    @Test
    void formsNeedTheSessionsCsrfTokenAndOurOrigin() {
        String realm = AdminApi.uniqueRealm("csrf");
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            HtmlPage home = browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            String cookie = browser.sessionCookie().orElseThrow().getValue();
            String csrf = ConsoleBrowser.csrf(home);

            post(cookie, Map.of("name", realm), null).then().statusCode(403)
                    .contentType(containsString("text/html")).body(containsString("security token"));
            post(cookie, Map.of("name", realm, "csrf", "not-" + csrf), null).then().statusCode(403);
            post(cookie, Map.of("name", realm, "csrf", csrf), "https://evil.example").then().statusCode(403);
            RestAssured.given().redirects().follow(false).cookie("federation_console", cookie)
                    .header("Sec-Fetch-Site", "cross-site").contentType(ContentType.URLENC)
                    .formParams(Map.of("name", realm, "csrf", csrf)).post("/admin/console/realms")
                    .then().statusCode(403);
            AdminApi.admin().get("/admin/realms/" + realm).then().statusCode(404);

            post(cookie, Map.of("name", realm, "csrf", csrf), base.toString().replaceAll("/$", "")).then().statusCode(303);
            AdminApi.admin().get("/admin/realms/" + realm).then().statusCode(200);
        }
    }

    @Test
    void idleAndAbsoluteTimeoutsEndTheSessionAndLogoutEndsItAtOnce() throws Exception {
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            String cookie = browser.sessionCookie().orElseThrow().getValue();
            page(cookie).then().statusCode(200);
            age(cookie, "last_seen_at", Duration.ofMinutes(31));
            page(cookie).then().statusCode(303).header("Location", containsString(AUTH));

            browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            cookie = browser.sessionCookie().orElseThrow().getValue();
            age(cookie, "signed_in_at", Duration.ofHours(10).plusMinutes(1));
            page(cookie).then().statusCode(303).header("Location", containsString(AUTH));

            HtmlPage home = browser.signIn(AdminApi.ADMIN, AdminApi.ADMIN_PASSWORD);
            cookie = browser.sessionCookie().orElseThrow().getValue();
            HtmlPage out = ConsoleBrowser.click(home, "logout");
            assertEquals("/admin/console/signed-out", out.getUrl().getPath());
            assertTrue(browser.sessionCookie().isEmpty(), "the cookie is cleared");
            page(cookie).then().statusCode(303).header("Location", containsString(AUTH));
        }
    }

    @Test
    void aNewPasswordEndsTheConsoleSessionsSignedInWithTheOldOne() {
        String realm = AdminApi.uniqueRealm("pwchange");
        AdminApi.createRealm(realm);
        String username = "pwchange-" + UUID.randomUUID().toString().substring(0, 8);
        String id = AdminApi.createRealmAdmin(realm, username, "first-password-" + username);
        String otherId = AdminApi.createRealmAdmin(realm, "x" + username, "other-password-" + username);
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            browser.signIn(username, "first-password-" + username);
            String cookie = browser.sessionCookie().orElseThrow().getValue();
            page(cookie).then().statusCode(303).header("Location", containsString("/admin/console/realms/" + realm));

            String own = AdminApi.token(username, "first-password-" + username);
            AdminApi.as(own).body("{\"type\":\"password\",\"value\":\"short\"}")
                    .put("/admin/realms/master/users/" + id + "/reset-password").then().statusCode(400);
            AdminApi.as(own).body("{\"type\":\"password\",\"value\":\"not-mine-to-set-123\"}")
                    .put("/admin/realms/master/users/" + otherId + "/reset-password").then().statusCode(403);
            page(cookie).then().statusCode(303).header("Location", containsString("/admin/console/realms/" + realm));

            AdminApi.as(own).body("{\"type\":\"password\",\"value\":\"second-password-" + username + "\"}")
                    .put("/admin/realms/master/users/" + id + "/reset-password").then().statusCode(204);
            page(cookie).then().statusCode(303).header("Location", containsString(AUTH));
            browser.signIn(username, "second-password-" + username);
            assertEquals("/admin/console/realms/" + realm, browser.open("/admin/console").getUrl().getPath());
        }
    }

    @Test
    void aRealmAdminSeesOnlyTheirRealmAndCannotAddVerifiedDomains() {
        String mine = AdminApi.uniqueRealm("mine");
        String other = AdminApi.uniqueRealm("other");
        AdminApi.createRealm(mine);
        AdminApi.createRealm(other);
        String username = "console-admin-" + UUID.randomUUID().toString().substring(0, 8);
        AdminApi.createRealmAdmin(mine, username, "pw-" + username);
        try (ConsoleBrowser browser = new ConsoleBrowser(base.toString())) {
            HtmlPage home = browser.signIn(username, "pw-" + username);
            assertEquals("/admin/console/realms/" + mine, home.getUrl().getPath());
            assertFalse(home.asNormalizedText().contains(other));
            HtmlPage forbidden = browser.open("/admin/console/realms/" + other);
            assertEquals(403, forbidden.getWebResponse().getStatusCode());
            assertFalse(forbidden.asXml().contains("domain-name"), "no page chrome of the other realm");

            String cookie = browser.sessionCookie().orElseThrow().getValue();
            String csrf = ConsoleBrowser.csrf(home);
            consolePost(cookie, "/admin/console/realms/" + mine + "/domains",
                    Map.of("csrf", csrf, "name", "x-" + UUID.randomUUID().toString().substring(0, 8) + ".example", "verified", "on"))
                    .then().statusCode(403).body(containsString("only operators"));
            consolePost(cookie, "/admin/console/realms", Map.of("csrf", csrf, "name", AdminApi.uniqueRealm("nope")))
                    .then().statusCode(403);
            String domain = "d-" + UUID.randomUUID().toString().substring(0, 8) + ".example";
            consolePost(cookie, "/admin/console/realms/" + mine + "/domains", Map.of("csrf", csrf, "name", domain))
                    .then().statusCode(303);
            AdminApi.admin().get("/admin/realms/" + mine + "/domains/" + domain).then().statusCode(200)
                    .body("verified", org.hamcrest.Matchers.equalTo(false))
                    .body("verificationRecord", org.hamcrest.Matchers.startsWith("federation-verification="));
            HtmlPage overview = browser.open("/admin/console/realms/" + mine);
            assertTrue(overview.asNormalizedText().contains(domain) && overview.asNormalizedText().contains("Unverified"));
            consolePost(cookie, "/admin/console/realms/" + mine + "/domains/" + domain.toUpperCase() + "/delete",
                    Map.of("csrf", csrf)).then().statusCode(303);
            AdminApi.admin().get("/admin/realms/" + mine + "/domains/" + domain).then().statusCode(404);
            consolePost(cookie, "/admin/console/realms/" + other + "/domains", Map.of("csrf", csrf, "name", "y" + domain))
                    .then().statusCode(403).body(not(containsString("y" + domain)));
        }
    }

    private static Response page(String cookie) {
        return RestAssured.given().redirects().follow(false).cookie("federation_console", cookie).get("/admin/console");
    }

    private static Response post(String cookie, Map<String, String> form, String origin) {
        var spec = RestAssured.given().redirects().follow(false).cookie("federation_console", cookie)
                .contentType(ContentType.URLENC).formParams(form);
        if (origin != null) {
            spec.header("Origin", origin);
        }
        return spec.post("/admin/console/realms");
    }

    private static Response consolePost(String cookie, String path, Map<String, String> form) {
        return RestAssured.given().redirects().follow(false).cookie("federation_console", cookie)
                .contentType(ContentType.URLENC).formParams(form).post(path);
    }

    private String code(String callback, String challenge) {
        Response r = RestAssured.given().redirects().follow(false)
                .formParams(Map.of("client_id", "admin-console", "response_type", "code", "redirect_uri", callback,
                        "state", "st", "code_challenge", challenge, "code_challenge_method", "S256",
                        "username", AdminApi.ADMIN, "password", AdminApi.ADMIN_PASSWORD)).post(AUTH);
        assertEquals(303, r.statusCode(), r.body().asString());
        String query = URI.create(r.header("Location")).getQuery();
        return java.util.Arrays.stream(query.split("&")).filter(p -> p.startsWith("code=")).findFirst().orElseThrow()
                .substring(5);
    }

    private static Response redeem(String code, String callback, String verifier) {
        return RestAssured.given().contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("client_id", "admin-console").formParam("code", code).formParam("redirect_uri", callback)
                .formParam("code_verifier", verifier).post("/realms/master/protocol/openid-connect/token");
    }

    private void age(String cookie, String column, Duration by) throws Exception {
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(
                "update console_session set " + column + " = ? where id_hash = ?")) {
            ps.setTimestamp(1, Timestamp.from(Instant.now().minus(by)));
            ps.setString(2, cloud.federation.realm.secrets.GeneratedSecretDigest.digest(cookie));
            assertEquals(1, ps.executeUpdate());
        }
    }
}
