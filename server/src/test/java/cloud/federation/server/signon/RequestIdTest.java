package cloud.federation.server.signon;

import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.PostgresTestDatabase;
import cloud.federation.server.support.SignOnSetup;
import cloud.federation.server.support.SuiteBrowser;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.Test;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Every HTTP request gets an id, in the {@code X-Request-Id} response header and in the MDC of its log lines. */
@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class RequestIdTest {

    @Test
    void aProxysIdIsKeptAndAnythingElseIsReplacedByAFreshOne() {
        assertEquals("proxy-7f3a9c01", RestAssured.given().header("X-Request-Id", "proxy-7f3a9c01").get("/q/health/live")
                .then().statusCode(200).extract().header("X-Request-Id"));
        String fresh = RestAssured.get("/realms/master/.well-known/openid-configuration").then().statusCode(200)
                .extract().header("X-Request-Id");
        assertTrue(fresh != null && fresh.matches("[0-9a-f-]{36}"), fresh);
        assertNotEquals(fresh, RestAssured.get("/realms/master/.well-known/openid-configuration").header("X-Request-Id"));
        String smuggled = RestAssured.given().header("X-Request-Id", "alice@example.com says hi")
                .get("/q/health/live").header("X-Request-Id");
        assertFalse(smuggled.contains("alice"), "text that is not an id never reaches the log: " + smuggled);
    }

    @Test
    void logLinesWrittenWhileHandlingARequestCarryItsId() {
        List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
        Handler capture = new Handler() {
            @Override
            public void publish(LogRecord record) {
                ExtLogRecord ext = (ExtLogRecord) record;
                ext.copyMdc(); // the MDC as it is now, on the thread that logged
                records.add(ext);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        Logger logger = Logger.getLogger("cloud.federation.oidc.upstream.OidcUpstreamConnector");
        logger.addHandler(capture);
        try (LoopbackOp op = new LoopbackOp()) {
            SignOnSetup setup = SignOnSetup.create("rid", op.idpJson("upstream", null));
            op.discoveryIssuer("https://impostor.invalid");
            HttpResponse<String> page = new SuiteBrowser().open(setup.authorizeUrl("login_hint="
                    + SuiteBrowser.enc(setup.user("alice"))), SignOnSetup.REDIRECT_URI).page();
            assertEquals(502, page.statusCode());
            String id = page.headers().firstValue("X-Request-Id").orElseThrow();
            ExtLogRecord line = records.stream().filter(r -> r.getFormattedMessage().startsWith("Cannot start login"))
                    .findFirst().orElseThrow();
            assertEquals(id, line.getMdc("requestId"), "the log line of the request that answered 502");
            assertFalse(line.getFormattedMessage().contains(setup.user("alice")), "no login hint in the log");
        } finally {
            logger.removeHandler(capture);
        }
    }
}
