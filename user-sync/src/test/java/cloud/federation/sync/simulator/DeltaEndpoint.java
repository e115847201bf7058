package cloud.federation.sync.simulator;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The HTTP face of users and groups delta: query options in, a page with {@code @odata.context},
 * {@code @odata.nextLink} or {@code @odata.deltaLink} and {@code value} out, and the errors Graph gives for bad
 * options and expired state tokens.
 */
final class DeltaEndpoint {

    /** Graph's own links are not consistent about how they spell the function; clients must follow them verbatim. */
    private static final String[] LINK_SPELLINGS = {"delta()", "microsoft.graph.delta()", "delta"};

    private final String graphBaseUrl;
    private final DeltaFeed userFeed;
    private final DeltaFeed groupFeed;
    private final AtomicInteger generation = new AtomicInteger(1);
    private volatile int expiredTokenStatus = 400;

    DeltaEndpoint(GraphDirectory directory, DeltaOptions options, String graphBaseUrl) {
        this.graphBaseUrl = graphBaseUrl;
        this.userFeed = new DeltaFeed(directory, false, options);
        this.groupFeed = new DeltaFeed(directory, true, options);
    }

    void expireTokens() {
        generation.incrementAndGet();
    }

    void expiredTokenStatus(int status) {
        expiredTokenStatus = status;
    }

    /**
     * @param query  query options with lower-cased names
     * @param prefer the request's Prefer header, may be null
     */
    Answer answer(boolean groups, Map<String, List<String>> query, String prefer, String requestId, String clientRequestId) {
        if (query.containsKey("$orderby")) {
            return GraphErrors.graph(400, "Request_UnsupportedQuery", "Sorting is not supported for delta queries.",
                    requestId, clientRequestId);
        }
        Selection selection;
        try {
            selection = Selection.parse(QueryString.first(query, "$select"), groups);
        } catch (IllegalArgumentException e) {
            return GraphErrors.graph(400, "Request_BadRequest", e.getMessage(), requestId, clientRequestId);
        }
        String expand = QueryString.first(query, "$expand");
        if (expand != null) {
            // The groups walkthrough uses $expand=members; the overview says $expand is unsupported for users and groups.
            if (!groups || !expand.trim().equalsIgnoreCase(GraphSchema.MEMBERS)) {
                return GraphErrors.graph(400, "Request_UnsupportedQuery", "The specified $expand is not supported with "
                        + "delta queries; use $select=" + GraphSchema.navigation(groups) + " to track it.", requestId,
                        clientRequestId);
            }
            selection = selection.withNavigation(true);
        }
        boolean minimal = prefer != null && prefer.toLowerCase(java.util.Locale.ROOT).contains("return=minimal");
        String skipToken = QueryString.first(query, "$skiptoken");
        String deltaToken = QueryString.first(query, "$deltatoken");
        int current = generation.get();
        DeltaFeed feed = groups ? groupFeed : userFeed;
        DeltaFeed.Page page;
        String roundSelection = selection.canonical();
        try {
            if (skipToken != null && !skipToken.isEmpty()) {
                // The token carries the round's selection; a $select repeated on a nextLink is ignored.
                DeltaCursor cursor = cursor(skipToken, false, groups);
                if (cursor.generation() != current) {
                    return expired(groups, cursor.select(), requestId, clientRequestId);
                }
                page = feed.resume(cursor, minimal);
            } else if (deltaToken != null && !deltaToken.isEmpty()) {
                if (deltaToken.equalsIgnoreCase("latest")) {
                    page = feed.latest(selection, current);
                } else {
                    DeltaCursor cursor = cursor(deltaToken, true, groups);
                    if (cursor.generation() != current) {
                        return expired(groups, cursor.select(), requestId, clientRequestId);
                    }
                    // A $select next to a deltaToken changes what is tracked from now on, as the overview allows.
                    Selection tracked = query.containsKey("$select") || expand != null
                            ? selection : Selection.parse(cursor.select(), groups);
                    roundSelection = tracked.canonical();
                    page = feed.start(cursor.from(), tracked, current, minimal);
                }
            } else {
                page = feed.start(-1, selection, current, minimal);
            }
        } catch (IllegalArgumentException e) {
            return GraphErrors.graph(400, "Request_BadRequest", "Invalid state token: " + e.getMessage(), requestId,
                    clientRequestId);
        }
        Answer answer = Answer.of(200, GraphErrors.GRAPH_JSON, GraphErrors.bytes(body(groups, page, roundSelection)));
        return minimal ? answer.header("Preference-Applied", "return=minimal") : answer;
    }

    /** 410 whose Location is the initial request again, with an empty $deltatoken as the docs describe. */
    Answer gone(boolean groups, Map<String, List<String>> query, String requestId, String clientRequestId) {
        return gone(groups, selectOf(query), requestId, clientRequestId);
    }

    private ObjectNode body(boolean groups, DeltaFeed.Page page, String roundSelection) {
        String collection = groups ? "groups" : "users";
        ObjectNode root = JsonNodeFactory.instance.objectNode();
        root.put("@odata.context", graphBaseUrl + "/$metadata#" + collection
                + (page.firstOfRound() && !roundSelection.isEmpty() ? "(" + roundSelection + ")" : ""));
        if (page.next() != null) {
            String spelling = LINK_SPELLINGS[page.next().page() % LINK_SPELLINGS.length];
            root.put("@odata.nextLink", graphBaseUrl + "/" + collection + "/" + spelling + "?$skiptoken="
                    + page.next().token());
        } else {
            root.put("@odata.deltaLink", graphBaseUrl + "/" + collection + "/delta?$deltatoken=" + page.deltaLink().token());
        }
        ArrayNode value = root.putArray("value");
        page.value().forEach(value::add);
        return root;
    }

    private static DeltaCursor cursor(String token, boolean delta, boolean groups) {
        DeltaCursor cursor = DeltaCursor.parse(token);
        if (cursor.delta() != delta || cursor.groups() != groups) {
            throw new IllegalArgumentException("the token belongs to another kind of request");
        }
        return cursor;
    }

    private Answer expired(boolean groups, String select, String requestId, String clientRequestId) {
        if (expiredTokenStatus == 410) {
            return gone(groups, select, requestId, clientRequestId);
        }
        return GraphErrors.graph(400, "syncStateNotFound",
                "The sync state generation is not found. The delta token is expired and data must be synchronized again.",
                requestId, clientRequestId);
    }

    private Answer gone(boolean groups, String select, String requestId, String clientRequestId) {
        String fresh = graphBaseUrl + "/" + (groups ? "groups" : "users") + "/delta?"
                + (select == null || select.isEmpty() ? "" : "$select=" + select + "&") + "$deltatoken=";
        return GraphErrors.graph(410, "resyncRequired",
                        "The delta token is no longer valid, and the app must reset the sync state.", requestId, clientRequestId)
                .header("Location", fresh);
    }

    /** The selection a request works with, from its $select or else from its state token. */
    private static String selectOf(Map<String, List<String>> query) {
        String select = QueryString.first(query, "$select");
        for (String name : List.of("$skiptoken", "$deltatoken")) {
            String token = QueryString.first(query, name);
            if (select == null && token != null && !token.isEmpty() && !token.equalsIgnoreCase("latest")) {
                try {
                    select = DeltaCursor.parse(token).select();
                } catch (IllegalArgumentException ignored) {
                    // A token we did not make has no selection to carry over.
                }
            }
        }
        return select;
    }
}
