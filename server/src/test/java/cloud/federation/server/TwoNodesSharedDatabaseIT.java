package cloud.federation.server;

import cloud.federation.server.support.AdminApi;
import cloud.federation.server.support.LoopbackOp;
import cloud.federation.server.support.ServerNodes;
import cloud.federation.server.support.SignOnSetup;
import cloud.federation.server.support.SuiteBrowser;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.UUID;

import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Two server nodes (the packaged jar, re-augmented for PostgreSQL) behind one public URL, sharing one database and
 * master key: a login started on node 1 finishes on node 2, which issues the code; node 1 serves its userinfo.
 */
class TwoNodesSharedDatabaseIT {

    static ServerNodes nodes;
    static int port1;
    static int port2;
    static LoopbackOp op;

    @BeforeAll
    static void start() throws Exception {
        nodes = new ServerNodes();
        port1 = ServerNodes.freePort();
        port2 = ServerNodes.freePort();
        for (int port : new int[] {port1, port2}) {
            nodes.start(port, "http://localhost:" + port1, Map.of()); // one public name for both nodes
        }
        RestAssured.baseURI = "http://localhost";
        RestAssured.port = port1;
        op = new LoopbackOp();
    }

    @AfterAll
    static void stop() throws Exception {
        if (nodes != null) {
            nodes.close();
        }
        if (op != null) {
            op.close();
        }
        RestAssured.reset();
    }

    @Test
    void aLoginStartedOnOneNodeFinishesOnTheOther() {
        SignOnSetup setup = SignOnSetup.create("nodes", op.idpJson("upstream", null));
        op.user(new LoopbackOp.User("u-" + UUID.randomUUID(), setup.user("alice"), true, "Alice"));
        SuiteBrowser browser = new SuiteBrowser();
        String node1Callback = "http://localhost:" + port1 + "/realms/" + setup.realm + "/broker/";

        // Node 1 takes the authorization request and sends the browser upstream; the upstream's redirect to our
        // callback is stopped there so the "load balancer" can hand it to node 2.
        SuiteBrowser.Stop atCallback = browser.open(setup.authorizeUrl("state=two-nodes&login_hint="
                + SuiteBrowser.enc(setup.user("alice"))), node1Callback);
        assertTrue(atCallback.atSuite(), "stopped at our callback");
        String onNode2 = atCallback.location().toString().replace(":" + port1 + "/", ":" + port2 + "/");
        SuiteBrowser.Stop atSuite = browser.open(onNode2, SignOnSetup.REDIRECT_URI);
        assertTrue(atSuite.atSuite(), () -> "node 2 finished the login: " + atSuite.page().body());
        assertEquals("two-nodes", atSuite.query().get("state"));

        String access = RestAssured.given().port(port2).auth().preemptive().basic(setup.clientId, setup.clientSecret)
                .contentType(ContentType.URLENC).formParam("grant_type", "authorization_code")
                .formParam("code", atSuite.query().get("code")).formParam("redirect_uri", SignOnSetup.REDIRECT_URI)
                .post("/realms/" + setup.realm + "/protocol/openid-connect/token")
                .then().statusCode(200).extract().path("access_token");
        RestAssured.given().port(port1).auth().oauth2(access)
                .get("/realms/" + setup.realm + "/protocol/openid-connect/userinfo")
                .then().statusCode(200).body("email", equalTo(setup.user("alice")));
    }
}
