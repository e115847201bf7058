package cloud.federation.sync.graph;

import cloud.federation.sync.engine.ChangeSet;
import cloud.federation.sync.engine.DirectoryConnector;
import cloud.federation.sync.engine.GroupPatch;
import cloud.federation.sync.engine.RunProgress;
import cloud.federation.sync.engine.SyncCursor;
import cloud.federation.sync.engine.UpstreamException;
import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.graph.models.odataerrors.ODataError;
import com.microsoft.graph.serviceclient.GraphServiceClient;
import com.microsoft.kiota.ApiException;
import com.microsoft.kiota.RequestInformation;
import com.microsoft.kiota.serialization.Parsable;
import com.microsoft.kiota.serialization.ParsableFactory;
import org.jboss.logging.Logger;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Entra ID through Graph delta queries: {@code /users/delta} and {@code /groups/delta} with {@code members}. The
 * first run (and any resync) lists everything; later runs follow the stored {@code @odata.deltaLink}. An expired
 * delta token restarts that kind as a full listing within the same run.
 *
 * <p>Requests are built, authenticated, retried and error-mapped by the official SDK; bodies are parsed here as a
 * stream, because the SDK's models drop properties sent as {@code null}, and in a delta a {@code null} is how Graph
 * says a value was cleared.
 */
public final class GraphConnector implements DirectoryConnector {

    private static final Logger LOG = Logger.getLogger(GraphConnector.class);
    private static final Set<String> EXPIRED_TOKEN_CODES = Set.of("syncStateNotFound", "resyncRequired",
            "SyncStateNotFound", "ResyncRequired", "syncStateInvalid");
    private static final String[] GROUP_SELECT = {"id", "displayName", "description", "mail", "members"};

    private final GraphServiceClient graph;
    private final String tenantLabel;

    public GraphConnector(GraphServiceClient graph, String tenantLabel) {
        this.graph = graph;
        this.tenantLabel = tenantLabel;
    }

    @Override
    public SyncCursor fetch(SyncCursor from, ChangeSet into, RunProgress progress) throws UpstreamException {
        String users = follow(Kind.USERS, from.usersDeltaLink(), into, progress);
        String groups = follow(Kind.GROUPS, from.groupsDeltaLink(), into, progress);
        return new SyncCursor(users, groups);
    }

    private enum Kind { USERS, GROUPS }

    private String follow(Kind kind, String deltaLink, ChangeSet into, RunProgress progress) throws UpstreamException {
        if (deltaLink != null) {
            if (kind == Kind.GROUPS) {
                into.trackGroupDelta();
            }
            try {
                return pages(kind, deltaLink, into, progress);
            } catch (ExpiredDeltaToken e) {
                LOG.infof("Graph delta token for %s of tenant %s expired; listing everything again", kind, tenantLabel);
            }
        }
        // A skip token can expire in the middle of a long listing too; one restart, then give up.
        for (int attempt = 1; ; attempt++) {
            begin(kind, into);
            try {
                return pages(kind, null, into, progress);
            } catch (ExpiredDeltaToken e) {
                if (attempt == 2) {
                    throw new UpstreamException("Graph expired the listing of " + kind.name().toLowerCase()
                            + " twice in a row");
                }
            }
        }
    }

    private static void begin(Kind kind, ChangeSet into) {
        if (kind == Kind.USERS) {
            into.beginUserListing();
        } else {
            into.beginGroupListing();
        }
    }

    /** Follows nextLinks to the deltaLink, which it returns. */
    private String pages(Kind kind, String startLink, ChangeSet into, RunProgress progress) throws UpstreamException {
        String link = startLink;
        boolean first = startLink == null;
        while (true) {
            progress.page();
            RequestInformation request = request(kind, first ? null : link);
            first = false;
            Consumer<JsonNode> sink = kind == Kind.USERS ? user -> user(user, into) : group -> group(group, into);
            DeltaPage page;
            try (InputStream body = send(request)) {
                page = DeltaPage.read(body, sink);
            } catch (IOException | UncheckedIOException e) {
                // The parser's own message without its location excerpt: the run record must not quote directory data.
                String reason = e instanceof com.fasterxml.jackson.core.JsonProcessingException j ? j.getOriginalMessage()
                        : e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
                throw new UpstreamException("Graph " + kind.name().toLowerCase() + " delta page could not be read: "
                        + reason, e);
            }
            if (page.deltaLink != null) {
                return page.deltaLink;
            }
            link = page.nextLink;
        }
    }

    /**
     * {@code Prefer: return=minimal} makes an updated object carry exactly its changed properties, a cleared one as
     * {@code null}; without it Graph may repeat unchanged values and leave out cleared ones.
     */
    private RequestInformation request(Kind kind, String link) {
        RequestInformation request;
        if (kind == Kind.USERS) {
            request = link == null
                    ? graph.users().delta().toGetRequestInformation(c -> c.queryParameters.select = GraphUserMapping.SELECT)
                    : graph.users().delta().withUrl(link).toGetRequestInformation();
        } else {
            request = link == null
                    ? graph.groups().delta().toGetRequestInformation(c -> c.queryParameters.select = GROUP_SELECT)
                    : graph.groups().delta().withUrl(link).toGetRequestInformation();
        }
        request.headers.add("Prefer", "return=minimal");
        return request;
    }

    private InputStream send(RequestInformation request) throws UpstreamException {
        HashMap<String, ParsableFactory<? extends Parsable>> errors = new HashMap<>();
        // Kiota's error mapping is keyed by status class: every 4xx and 5xx body is parsed as Graph's OData error.
        errors.put("4XX", ODataError::createFromDiscriminatorValue);
        errors.put("5XX", ODataError::createFromDiscriminatorValue);
        try {
            InputStream body = graph.getRequestAdapter().sendPrimitive(request, errors, InputStream.class);
            if (body == null) {
                throw new UpstreamException("Graph answered without a body");
            }
            return body;
        } catch (ODataError e) {
            String code = e.getError() == null ? null : e.getError().getCode();
            if (e.getResponseStatusCode() == 410 || (code != null && EXPIRED_TOKEN_CODES.contains(code))) {
                throw new ExpiredDeltaToken();
            }
            throw new UpstreamException("Graph answered HTTP " + e.getResponseStatusCode()
                    + (code == null ? "" : " (" + code + ")"), e);
        } catch (ApiException e) {
            if (e.getResponseStatusCode() == 410) {
                throw new ExpiredDeltaToken();
            }
            throw new UpstreamException("Graph answered HTTP " + e.getResponseStatusCode(), e);
        } catch (RuntimeException e) {
            Throwable root = e;
            while (root.getCause() != null && root.getCause() != root) {
                root = root.getCause();
            }
            throw new UpstreamException("Graph request failed: " + root.getClass().getSimpleName()
                    + (root.getMessage() == null ? "" : ": " + root.getMessage()), e);
        }
    }

    private static void user(JsonNode user, ChangeSet into) {
        if (user.has("@removed")) {
            into.userRemoved(user.get("id").asText());
        } else {
            into.user(GraphUserMapping.toPatch(user));
        }
    }

    private static void group(JsonNode group, ChangeSet into) {
        String id = group.get("id").asText();
        if (group.has("@removed")) {
            into.groupRemoved(id);
            return;
        }
        GroupPatch patch = new GroupPatch(id);
        if (group.hasNonNull("displayName")) {
            patch.displayName(group.get("displayName").asText());
        }
        for (JsonNode member : group.path("members@delta")) {
            String memberId = member.path("id").asText(null);
            if (memberId == null) {
                continue;
            }
            if (member.has("@removed")) {
                patch.remove(memberId);
            } else {
                // Devices, service principals and contacts can be members too; the directory serves people and groups.
                String type = member.path("@odata.type").asText("");
                if (type.endsWith(".group")) {
                    patch.add(memberId, GroupPatch.MemberKind.group);
                } else if (type.isEmpty() || type.endsWith(".user")) {
                    patch.add(memberId, GroupPatch.MemberKind.user);
                }
            }
        }
        into.group(patch);
    }

    /** Graph no longer knows the state behind the stored delta token. */
    private static final class ExpiredDeltaToken extends UpstreamException {
        ExpiredDeltaToken() {
            super("Graph delta token expired");
        }
    }
}
