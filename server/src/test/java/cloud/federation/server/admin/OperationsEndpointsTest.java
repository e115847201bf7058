package cloud.federation.server.admin;

import cloud.federation.server.support.PostgresTestDatabase;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import org.junit.jupiter.api.Test;

import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

@QuarkusTest
@QuarkusTestResource(PostgresTestDatabase.class)
class OperationsEndpointsTest {

    @Test
    void healthIsUpIncludingTheDatabase() {
        RestAssured.get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
        // deploy/kubernetes's startup probe
        RestAssured.get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
        RestAssured.get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"))
                .body("checks.name", hasItem("Database connections health check"));
    }

    @Test
    void metricsArePrometheusText() {
        RestAssured.get("/q/metrics").then().statusCode(200).body(containsString("jvm_memory_used_bytes"));
    }

    @Test
    void openApiDescribesTheAdminApi() {
        RestAssured.given().accept("application/json").get("/q/openapi?format=json").then().statusCode(200)
                .body(containsString("/admin/realms/{realm}/identity-provider/instances"))
                .body(containsString("/realms/master/protocol/openid-connect/token"));
    }

    @Test
    void unknownPathsAndMethodsAnswerProblemJson() {
        io.restassured.RestAssured.given().auth().oauth2(cloud.federation.server.support.AdminApi.token())
                .get("/admin/realms/master/nothing-here").then().statusCode(404).contentType("application/problem+json");
    }
}
