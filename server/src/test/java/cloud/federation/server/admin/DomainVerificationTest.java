package cloud.federation.server.admin;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.Dnsmasq;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignOnSetup;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * DNS verification of realm admins' domains against a real dnsmasq on loopback, and claim expiry between realms.
 * Unverified domains are checked every 2 s here as well, so assertions hold whichever check (asked or scheduled)
 * runs first.
 */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
@QuarkusTestResource(value = Dnsmasq.class, restrictToAnnotatedClass = true)
class DomainVerificationTest {

    @Inject
    AgroalDataSource dataSource;

    private static String uniqueDomain() {
        return "d" + UUID.randomUUID().toString().substring(0, 8) + "." + Dnsmasq.ZONE;
    }

    /** A master-realm user who administers {@code realm} only. */
    private static String realmAdminToken(String realm) {
        String username = "admin-of-" + realm;
        AdminApi.createRealmAdmin(realm, username, "realm-admin-password");
        return AdminApi.token(username, "realm-admin-password");
    }

    private static String domains(String realm) {
        return "/admin/realms/" + realm + "/domains";
    }

    private static Response discover(SignOnSetup setup, String login) {
        return RestAssured.given().auth().preemptive().basic(setup.clientId, setup.clientSecret)
                .queryParam("login_hint", login).get("/discovery");
    }

    private static String tokenOf(String verificationRecord) {
        return verificationRecord.substring("federation-verification=".length());
    }

    private void backdateCreation(String domain, Duration age) throws Exception {
        try (Connection c = dataSource.getConnection();
             PreparedStatement s = c.prepareStatement("update realm_domain set created_at = ? where name = ?")) {
            s.setTimestamp(1, Timestamp.from(Instant.now().minus(age)));
            s.setString(2, domain);
            assertEquals(1, s.executeUpdate());
        }
    }

    @Test
    void aRealmAdminsDomainRoutesOnlyOnceItsTxtRecordIsPublished() {
        SignOnSetup setup = SignOnSetup.create("dnsv", null);
        AdminApi.createOidcProvider(setup.realm, "okta", "upstream-secret");
        String admin = realmAdminToken(setup.realm);
        String domain = uniqueDomain();

        String record = AdminApi.as(admin).body("{\"name\":\"" + domain + "\"}").post(domains(setup.realm))
                .then().statusCode(201)
                .body("verified", equalTo(false))
                .body("verificationRecord", startsWith("federation-verification="))
                .body("claimExpiresAt", notNullValue())
                .extract().path("verificationRecord");
        String token = tokenOf(record);
        discover(setup, "alice@" + domain).then().statusCode(404);

        // Nothing published yet: the zone says NXDOMAIN.
        AdminApi.as(admin).post(domains(setup.realm) + "/" + domain + "/verify").then().statusCode(200)
                .body("verified", equalTo(false))
                .body("lastCheckedAt", notNullValue())
                .body("lastCheckError", equalTo("no TXT record federation-verification=… at " + domain
                        + ": the name does not exist in DNS (NXDOMAIN)"));
        discover(setup, "alice@" + domain).then().statusCode(404);

        // Other TXT records, one of them a verification record with someone else's token.
        Dnsmasq.publishTxt(domain, "v=spf1 -all");
        Dnsmasq.publishTxt(domain, "federation-verification=" + token + "x");
        AdminApi.as(admin).post(domains(setup.realm) + "/" + domain + "/verify").then().statusCode(200)
                .body("verified", equalTo(false))
                .body("lastCheckError", containsString("record carries another token"))
                .body("lastCheckError", not(containsString(token)));
        discover(setup, "alice@" + domain).then().statusCode(404);

        // The record itself, split into two character-strings as long records are.
        Dnsmasq.publishTxt(domain, "federation-verification=", token);
        AdminApi.as(admin).post(domains(setup.realm) + "/" + domain + "/verify").then().statusCode(200)
                .body("verified", equalTo(true))
                .body("verifiedAt", notNullValue())
                .body("verificationRecord", nullValue())
                .body("claimExpiresAt", nullValue())
                .body("lastCheckError", nullValue());
        discover(setup, "alice@" + domain).then().statusCode(200)
                .body("realm", equalTo(setup.realm))
                .body("identity_providers.alias", equalTo(List.of("okta")));

        AdminApi.admin().get("/admin/realms/" + setup.realm + "/admin-events?operationTypes=ACTION").then()
                .statusCode(200)
                .body("resourcePath", hasItem("domains/" + domain + "/verify"))
                .body("[0].representation", containsString("\"verified\":true"));
    }

    @Test
    void aRecordReachedThroughACnameProvesNothing() {
        String realm = AdminApi.uniqueRealm("dnscname");
        AdminApi.createRealm(realm);
        String domain = uniqueDomain();
        String token = tokenOf(AdminApi.admin().body("{\"name\":\"" + domain + "\"}").post(domains(realm))
                .then().statusCode(201).extract().path("verificationRecord"));
        String elsewhere = uniqueDomain();
        Dnsmasq.publishTxt(elsewhere, "federation-verification=" + token);
        Dnsmasq.publishCname(domain, elsewhere);

        AdminApi.admin().post(domains(realm) + "/" + domain + "/verify").then().statusCode(200)
                .body("verified", equalTo(false))
                .body("lastCheckError", equalTo("no TXT record federation-verification=… at " + domain
                        + ": it has no TXT records"));
    }

    @Test
    void aFailedLookupIsReportedAsSuch() {
        String realm = AdminApi.uniqueRealm("dnsfail");
        AdminApi.createRealm(realm);
        // Outside dnsmasq's zone, with no upstream to forward to: it refuses.
        String domain = "d" + UUID.randomUUID().toString().substring(0, 8) + ".example";
        AdminApi.admin().body("{\"name\":\"" + domain + "\"}").post(domains(realm)).then().statusCode(201);
        AdminApi.admin().post(domains(realm) + "/" + domain + "/verify").then().statusCode(200)
                .body("verified", equalTo(false))
                .body("lastCheckError", startsWith("DNS lookup failed: 127.0.0.1:"))
                .body("lastCheckError", containsString("answered REFUSED"));
    }

    @Test
    void theScheduleVerifiesWithoutAnAdminAsking() {
        String realm = AdminApi.uniqueRealm("dnssched");
        AdminApi.createRealm(realm);
        String domain = uniqueDomain();
        String token = tokenOf(AdminApi.admin().body("{\"name\":\"" + domain + "\"}").post(domains(realm))
                .then().statusCode(201).extract().path("verificationRecord"));
        Dnsmasq.publishTxt(domain, "federation-verification=" + token);

        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        boolean verified = false;
        while (!verified && System.nanoTime() < deadline) {
            verified = AdminApi.admin().get(domains(realm) + "/" + domain).then().statusCode(200)
                    .extract().<Boolean>path("verified");
            sleep(250);
        }
        assertTrue(verified, "the scheduled check verified the domain");
        JsonPath events = AdminApi.admin().get("/admin/realms/" + realm + "/admin-events?operationTypes=ACTION")
                .then().statusCode(200).extract().jsonPath();
        assertEquals(List.of("domains/" + domain + "/verify"), events.getList("resourcePath"));
        assertNull(events.get("[0].authDetails.userId"), "no admin asked");
    }

    @Test
    void anotherRealmMayClaimAnUnverifiedDomainOnlyAfterTheClaimExpires() throws Exception {
        String first = AdminApi.uniqueRealm("claim1");
        String second = AdminApi.uniqueRealm("claim2");
        AdminApi.createRealm(first);
        AdminApi.createRealm(second);
        String firstAdmin = realmAdminToken(first);
        String secondAdmin = realmAdminToken(second);
        String domain = uniqueDomain();
        Response created = AdminApi.as(firstAdmin).body("{\"name\":\"" + domain + "\"}").post(domains(first));
        created.then().statusCode(201);
        Instant expires = Instant.parse(created.path("claimExpiresAt"));
        assertTrue(Duration.between(Instant.now(), expires).compareTo(Duration.ofDays(7).minusMinutes(1)) > 0,
                "a claim lasts federation.domains.claim-lifetime (7 days by default)");

        AdminApi.as(secondAdmin).body("{\"name\":\"" + domain + "\"}").post(domains(second)).then().statusCode(409)
                .contentType("application/problem+json")
                .body("detail", equalTo("Domain '" + domain + "' is claimed by another realm and not verified yet; "
                        + "that claim expires at " + expires + ", after which this realm may add it"));
        AdminApi.as(firstAdmin).get(domains(first) + "/" + domain).then().statusCode(200);

        backdateCreation(domain, Duration.ofDays(8));
        String newRecord = AdminApi.as(secondAdmin).body("{\"name\":\"" + domain + "\"}").post(domains(second))
                .then().statusCode(201).body("verified", equalTo(false)).extract().path("verificationRecord");
        assertNotEquals(created.path("verificationRecord"), newRecord, "the new claim has its own token");
        AdminApi.as(firstAdmin).get(domains(first) + "/" + domain).then().statusCode(404);
        AdminApi.as(secondAdmin).get(domains(second) + "/" + domain).then().statusCode(200);

        JsonPath firstEvents = AdminApi.admin().get("/admin/realms/" + first + "/admin-events?operationTypes=DELETE")
                .then().statusCode(200).extract().jsonPath();
        assertEquals("domains/" + domain, firstEvents.get("[0].resourcePath"));
        String representation = firstEvents.get("[0].representation");
        assertTrue(representation.contains("expired") && !representation.contains(second),
                "the first realm learns why, not who: " + representation);
    }

    @Test
    void aVerifiedDomainIsNeverTakenOver() throws Exception {
        String owner = AdminApi.uniqueRealm("owner");
        String other = AdminApi.uniqueRealm("taker");
        AdminApi.createRealm(owner);
        AdminApi.createRealm(other);
        String domain = uniqueDomain();
        String token = tokenOf(AdminApi.as(realmAdminToken(owner)).body("{\"name\":\"" + domain + "\"}")
                .post(domains(owner)).then().statusCode(201).extract().path("verificationRecord"));
        Dnsmasq.publishTxt(domain, "federation-verification=" + token);
        AdminApi.admin().post(domains(owner) + "/" + domain + "/verify").then().statusCode(200)
                .body("verified", equalTo(true));
        backdateCreation(domain, Duration.ofDays(30));

        AdminApi.as(realmAdminToken(other)).body("{\"name\":\"" + domain + "\"}").post(domains(other))
                .then().statusCode(409).contentType("application/problem+json")
                .body("detail", equalTo("Domain '" + domain + "' belongs to another realm"));
        AdminApi.admin().get(domains(owner) + "/" + domain).then().statusCode(200).body("verified", equalTo(true));
    }

    @Test
    void operatorsAddVerifiedDomainsRealmAdminsCannot() {
        SignOnSetup setup = SignOnSetup.create("dnsop", null);
        String domain = uniqueDomain();
        AdminApi.as(realmAdminToken(setup.realm)).body("{\"name\":\"" + domain + "\",\"verified\":true}")
                .post(domains(setup.realm)).then().statusCode(403).contentType("application/problem+json")
                .body("detail", startsWith("verified: only operators"));
        AdminApi.admin().get(domains(setup.realm) + "/" + domain).then().statusCode(404);

        AdminApi.admin().body("{\"name\":\"" + domain + "\",\"verified\":true}").post(domains(setup.realm))
                .then().statusCode(201)
                .body("verified", equalTo(true))
                .body("verifiedAt", notNullValue())
                .body("verificationRecord", nullValue());
        discover(setup, "bob@" + domain).then().statusCode(200).body("realm", equalTo(setup.realm));
    }

    @Test
    void onlyTheRealmsOwnAdminsVerifyItsDomains() {
        String mine = AdminApi.uniqueRealm("mine");
        String theirs = AdminApi.uniqueRealm("theirs");
        AdminApi.createRealm(mine);
        AdminApi.createRealm(theirs);
        String domain = uniqueDomain();
        AdminApi.as(realmAdminToken(mine)).body("{\"name\":\"" + domain + "\"}").post(domains(mine))
                .then().statusCode(201);
        String intruder = realmAdminToken(theirs);

        AdminApi.as(intruder).post(domains(mine) + "/" + domain + "/verify").then().statusCode(403)
                .contentType("application/problem+json");
        AdminApi.as(intruder).post(domains(theirs) + "/" + domain + "/verify").then().statusCode(404)
                .contentType("application/problem+json")
                .body("detail", equalTo("Domain '" + domain + "' is not registered in realm '" + theirs + "'"));
        RestAssured.given().post(domains(mine) + "/" + domain + "/verify").then().statusCode(401);
        AdminApi.admin().post(domains(mine) + "/no-such." + Dnsmasq.ZONE + "/verify").then().statusCode(404)
                .contentType("application/problem+json");
        AdminApi.admin().post(domains(mine) + "/not a domain/verify").then().statusCode(400)
                .contentType("application/problem+json").body("detail", startsWith("name:"));
        // None of that was a check: the domain has never been looked up on anyone's behalf.
        AdminApi.admin().get("/admin/realms/" + mine + "/admin-events?operationTypes=ACTION").then()
                .statusCode(200).body("resourcePath", not(hasItem("domains/" + domain + "/verify")));
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
