package cloud.federation.server.sync;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SyncApi;
import cloud.federation.sync.simulator.RecordedRequest;
import cloud.federation.sync.simulator.TestCertificateAuthority;
import cloud.federation.sync.simulator.WebexDirectory;
import cloud.federation.sync.simulator.WebexFault;
import cloud.federation.sync.simulator.WebexSimulator;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Webex sources end to end through the Quarkus REST client against the Webex simulator. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class WebexSyncTest {

    WebexSimulator sim;
    String realm;

    @BeforeEach
    void start() {
        sim = WebexSimulator.start(WebexDirectory.generate(3, 230));
        realm = AdminApi.uniqueRealm("webex");
        AdminApi.createRealm(realm);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private String source(String config) {
        return AdminApi.admin().body("{\"name\":\"webex-" + System.nanoTime() + "\",\"type\":\"webex\",\"schedule\":\"manual\","
                        + "\"config\":{\"apiBaseUrl\":\"" + sim.apiBaseUrl() + "\"," + config + "}}")
                .post(SyncApi.sourcesPath(realm)).then().statusCode(201).extract().path("id");
    }

    private long loginEnabledPeople() {
        return sim.directory().personIds().stream()
                .filter(id -> !Boolean.FALSE.equals(sim.directory().person(id).get("loginEnabled"))).count();
    }

    @Test
    void peopleWorkspacesAndCallingObjectsArriveWithTheirUserTypes() {
        sim.dropQueryParamsInLinks(true);
        String source = source("\"accessToken\":\"" + sim.accessToken() + "\"");
        JsonPath run = SyncApi.sync(realm, source, false);
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        assertEquals("full", run.getString("mode"));
        assertEquals((int) loginEnabledPeople(), SyncApi.count(realm, "(userType=user)"));
        for (String type : List.of("workspace", "virtual-line", "hunt-group", "call-queue", "auto-attendant")) {
            assertTrue(SyncApi.count(realm, "(userType=" + type + ")") > 0, type);
        }
        List<RecordedRequest> people = sim.requests().stream().filter(r -> r.path().equals("/v1/people")).toList();
        assertTrue(people.size() >= 3, "paged by Link: " + people.size() + " pages");
        assertTrue(people.stream().allMatch(r -> r.rawQuery().contains("callingData=true")),
                "parameters a next link dropped are restored: " + people);
        assertTrue(people.stream().allMatch(r -> r.rawQuery().matches(".*max=(100)(&.*|$)")),
                "max clamped to what List People allows with callingData");

        String someone = sim.directory().personIds().stream()
                .filter(id -> sim.directory().person(id).get("extension") != null
                        && !Boolean.FALSE.equals(sim.directory().person(id).get("loginEnabled"))).findFirst().orElseThrow();
        Map<String, Object> person = sim.directory().person(someone);
        JsonPath served = SyncApi.users(realm, "(uid=" + someone + ")").getValue();
        assertEquals(person.get("extension"), served.getString("[0].attributes.extension[0]"), "calling data kept on every page");
        assertEquals(((List<?>) person.get("emails")).get(0), served.getString("[0].attributes.mail[0]"));
        assertEquals(person.get("displayName"), served.getString("[0].attributes.displayName[0]"));
        assertFalse(served.getString("[0].attributes.officeLocation[0]").isBlank(), "location id resolved to its name");
    }

    @Test
    void everyRunIsAFullListingSoRemovalsAndChangesArrive() {
        String source = source("\"accessToken\":\"" + sim.accessToken() + "\"");
        SyncApi.sync(realm, source, false);
        List<String> ids = sim.directory().personIds().stream()
                .filter(id -> !Boolean.FALSE.equals(sim.directory().person(id).get("loginEnabled"))).toList();
        sim.directory().removePerson(ids.get(0));
        sim.directory().updatePerson(ids.get(1), Map.of("department", "Night Shift"));
        JsonPath run = SyncApi.sync(realm, source, false);
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        assertEquals(1, run.getInt("removed"));
        assertEquals(1, run.getInt("updated"));
        assertEquals(0, SyncApi.count(realm, "(uid=" + ids.get(0) + ")"));
        assertEquals(1, SyncApi.count(realm, "(department=night shift)"));
    }

    @Test
    void aServiceAppRefreshesItsTokenAndAWrongSecretFailsTheRun() {
        sim.serviceApp("svc-app", "svc-secret", "refresh-1");
        String source = source("\"clientId\":\"svc-app\",\"clientSecret\":\"svc-secret\",\"refreshToken\":\"refresh-1\"");
        assertEquals("SUCCEEDED", SyncApi.sync(realm, source, false).getString("status"));
        assertEquals(1, sim.tokenRefreshes());
        sim.expireAccessTokens();
        assertEquals("SUCCEEDED", SyncApi.sync(realm, source, false).getString("status"));
        assertEquals(2, sim.tokenRefreshes());

        String wrong = source("\"clientId\":\"svc-app\",\"clientSecret\":\"not-the-secret\",\"refreshToken\":\"refresh-1\"");
        JsonPath failed = SyncApi.sync(realm, wrong, false);
        assertEquals("FAILED", failed.getString("status"));
        assertTrue(failed.getString("error").contains("refused to refresh"), failed.getString("error"));
        assertFalse(failed.getString("error").contains("not-the-secret"));
    }

    @Test
    void throttlingIsRetriedAfterRetryAfterAndPersistentErrorsChangeNothing() {
        String source = source("\"accessToken\":\"" + sim.accessToken() + "\"");
        SyncApi.sync(realm, source, false);
        int served = SyncApi.count(realm, null);
        sim.clearRequests();
        sim.inject(WebexFault.afterRequests(1, WebexFault.status(429, "1")));
        sim.inject(WebexFault.status(502, "0.3"));
        JsonPath run = SyncApi.sync(realm, source, false);
        assertEquals("SUCCEEDED", run.getString("status"), run.prettify());
        List<RecordedRequest> requests = sim.requests();
        long longest = 0;
        for (int i = 0; i + 1 < requests.size(); i++) {
            longest = Math.max(longest, requests.get(i + 1).nanoTime() - requests.get(i).nanoTime());
        }
        assertTrue(Duration.ofNanos(longest).toMillis() >= 1000, "waited the Retry-After of the 429");

        sim.directory().removePerson(sim.directory().personIds().get(0));
        for (int i = 0; i < 3; i++) {
            sim.inject(WebexFault.afterRequests(i == 0 ? 2 : 0, WebexFault.status(503, "0.1")));
        }
        JsonPath failed = SyncApi.sync(realm, source, false);
        assertEquals("FAILED", failed.getString("status"), failed.prettify());
        assertTrue(failed.getString("error").contains("503"), failed.getString("error"));
        assertEquals(served, SyncApi.count(realm, null), "a failed run removes nobody");
        sim.inject(WebexFault.afterRequests(1, WebexFault.malformedJson()));
        assertEquals("FAILED", SyncApi.sync(realm, source, false).getString("status"));
        assertEquals(served, SyncApi.count(realm, null));
    }

    @Test
    void httpsWithTheConfiguredCaOnly() {
        TestCertificateAuthority ca = TestCertificateAuthority.generate();
        WebexSimulator tls = WebexSimulator.startTls(WebexDirectory.generate(4, 20), ca);
        try {
            String base = "{\"name\":\"webex-tls-" + System.nanoTime() + "\",\"type\":\"webex\",\"schedule\":\"manual\","
                    + "\"config\":{\"apiBaseUrl\":\"" + tls.apiBaseUrl() + "\",\"accessToken\":\"" + tls.accessToken() + "\"";
            String untrusted = AdminApi.admin().body(base + "}}").post(SyncApi.sourcesPath(realm))
                    .then().statusCode(201).extract().path("id");
            assertEquals("FAILED", SyncApi.sync(realm, untrusted, false).getString("status"));
            String trusted = AdminApi.admin().body(base.replace("webex-tls-", "webex-tls-ca-") + ",\"trustedCaPem\":"
                    + SyncApi.json(ca.caCertificatePem()) + "}}").post(SyncApi.sourcesPath(realm))
                    .then().statusCode(201).extract().path("id");
            assertEquals("SUCCEEDED", SyncApi.sync(realm, trusted, false).getString("status"));
        } finally {
            tls.close();
        }
    }
}
