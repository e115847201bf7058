package cloud.federation.server.support;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

/**
 * A fresh database on the machine's real PostgreSQL for each test run, dropped afterwards. The server URL is
 * {@code FEDERATION_TEST_PG} (default {@code jdbc:postgresql://127.0.0.1:5432/test}, trust auth).
 */
public class PostgresTestDatabase implements QuarkusTestResourceLifecycleManager {

    private static final String ADMIN_URL = System.getenv().getOrDefault("FEDERATION_TEST_PG",
            "jdbc:postgresql://127.0.0.1:5432/test");
    private static final String USER = System.getenv().getOrDefault("FEDERATION_TEST_PG_USER", "postgres");

    private String database;

    @Override
    public Map<String, String> start() {
        database = "federation_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 12);
        execute("CREATE DATABASE " + database);
        String url = ADMIN_URL.substring(0, ADMIN_URL.lastIndexOf('/') + 1) + database;
        return Map.of("quarkus.datasource.jdbc.url", url, "quarkus.datasource.username", USER);
    }

    @Override
    public void stop() {
        if (database != null) {
            execute("DROP DATABASE IF EXISTS " + database + " WITH (FORCE)");
        }
    }

    private static void execute(String sql) {
        try (Connection c = DriverManager.getConnection(ADMIN_URL, USER, "");
             Statement s = c.createStatement()) {
            s.execute(sql);
        } catch (SQLException e) {
            throw new IllegalStateException("PostgreSQL at " + ADMIN_URL + " is required for the test suite: "
                    + e.getMessage(), e);
        }
    }
}
