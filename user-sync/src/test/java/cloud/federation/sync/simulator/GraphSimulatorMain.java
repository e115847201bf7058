package cloud.federation.sync.simulator;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link GraphSimulator} as a process for benchmark scripts:
 * {@code --users N --groups M --seed S --page-size P [--member-slice-size K] --info FILE}.
 * Once serving it writes FILE (JSON: authorityHost, graphBaseUrl, tenantId, clientId, clientSecret, caCertificatePem)
 * and accepts, on the same HTTPS port, {@code POST /_sim/users?count=N} (add users) and
 * {@code POST /_sim/update?count=N} (change N users' department); both answer the new change sequence.
 * Runs until killed.
 */
public final class GraphSimulatorMain {

    private static final ObjectMapper JSON = new ObjectMapper();

    private GraphSimulatorMain() {
    }

    public static void main(String[] args) throws Exception {
        Map<String, String> options = options(args);
        int users = Integer.parseInt(options.getOrDefault("users", "1000"));
        int groups = Integer.parseInt(options.getOrDefault("groups", "50"));
        long seed = Long.parseLong(options.getOrDefault("seed", "1"));
        int pageSize = Integer.parseInt(options.getOrDefault("page-size", "100"));
        int sliceSize = Integer.parseInt(options.getOrDefault("member-slice-size", "20"));
        Path info = Path.of(options.getOrDefault("info", "graph-simulator.json"));

        GraphDirectory directory = GraphDirectory.generate(seed, users, groups);
        GraphSimulator simulator = GraphSimulator.start(directory);
        simulator.pageSize(pageSize);
        simulator.memberSliceSize(sliceSize);
        AtomicInteger updateCursor = new AtomicInteger();
        simulator.adminHandler(exchange -> admin(exchange, directory, updateCursor));
        Runtime.getRuntime().addShutdownHook(new Thread(simulator::close, "graph-simulator-shutdown"));

        ObjectNode described = JSON.createObjectNode();
        described.put("authorityHost", simulator.authorityHost());
        described.put("graphBaseUrl", simulator.graphBaseUrl());
        described.put("tenantId", simulator.tenantId());
        described.put("clientId", simulator.clientId());
        described.put("clientSecret", simulator.clientSecret());
        described.put("caCertificatePem", simulator.caCertificatePem());
        // Written whole and then renamed, so a script polling for the file never reads half of it.
        Path partial = info.resolveSibling(info.getFileName() + ".partial");
        Files.write(partial, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(described));
        Files.move(partial, info, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        System.out.println("Graph simulator serving " + simulator.graphBaseUrl() + " with " + users + " users and "
                + groups + " groups; details in " + info.toAbsolutePath());
        new CountDownLatch(1).await();
    }

    private static void admin(HttpExchange exchange, GraphDirectory directory, AtomicInteger updateCursor) throws IOException {
        String path = exchange.getRequestURI().getPath();
        Map<String, List<String>> query = QueryString.parse(exchange.getRequestURI().getRawQuery());
        Replies.readBody(exchange);
        ObjectNode answer = JSON.createObjectNode();
        int status = 200;
        try {
            int count = Integer.parseInt(QueryString.first(query, "count") == null ? "1" : QueryString.first(query, "count"));
            if (!"POST".equals(exchange.getRequestMethod()) && !path.equals("/_sim/sequence")) {
                status = 405;
                answer.put("error", "POST only");
            } else if (path.equals("/_sim/users")) {
                var ids = answer.putArray("ids");
                for (int i = 0; i < count; i++) {
                    ids.add((String) directory.addUser().get("id"));
                }
                answer.put("added", count);
            } else if (path.equals("/_sim/update")) {
                List<String> ids = updateDepartments(directory, count, updateCursor);
                ids.forEach(answer.putArray("ids")::add);
                answer.put("updated", ids.size());
            } else if (!path.equals("/_sim/sequence")) {
                status = 404;
                answer.put("error", "unknown command " + path);
            }
        } catch (NumberFormatException e) {
            status = 400;
            answer.put("error", "count must be a number");
        }
        answer.put("sequence", directory.sequence());
        Replies.send(exchange, status, "application/json", JSON.writeValueAsBytes(answer));
    }

    /** Walks the live users round-robin so successive calls touch different people; answers their ids. */
    private static List<String> updateDepartments(GraphDirectory directory, int count, AtomicInteger cursor) {
        List<String> live = directory.liveUserIds();
        List<String> updated = new java.util.ArrayList<>();
        if (live.isEmpty()) {
            return updated;
        }
        List<String> departments = PeopleCatalog.DEPARTMENTS;
        for (int i = 0; i < count; i++) {
            String id = live.get(Math.floorMod(cursor.getAndIncrement(), live.size()));
            Object current = directory.user(id).get("department");
            int at = current == null ? -1 : departments.indexOf(current);
            String next = departments.get((at + 1) % departments.size());
            directory.updateUser(id, Map.of("department", next));
            updated.add(id);
        }
        return updated;
    }

    private static Map<String, String> options(String[] args) {
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < args.length; i++) {
            if (!args[i].startsWith("--") || i + 1 >= args.length) {
                throw new IllegalArgumentException("Usage: --users N --groups M --seed S --page-size P "
                        + "[--member-slice-size K] --info FILE (bad argument: " + args[i] + ")");
            }
            options.put(args[i].substring(2), args[++i]);
        }
        return options;
    }
}
