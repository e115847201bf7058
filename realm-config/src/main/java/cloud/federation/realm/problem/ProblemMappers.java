package cloud.federation.realm.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import cloud.federation.realm.pages.LoginError;
import cloud.federation.realm.pages.LoginPages;
import cloud.federation.realm.pages.PageContext;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.UriInfo;
import java.util.regex.Pattern;
import jakarta.ws.rs.core.Response;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

import java.util.stream.Collectors;

/** Every error leaves as problem+json with a useful detail and never a stack trace. */
public class ProblemMappers {

    private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

    @ServerExceptionMapper
    public Response problem(ProblemException e) {
        return ProblemResponses.of(e.status(), e.title(), e.getMessage());
    }

    @ServerExceptionMapper
    public Response badJson(JsonProcessingException e) {
        String where = "";
        if (e instanceof com.fasterxml.jackson.databind.JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            where = " at " + mapping.getPath().stream()
                    .map(ref -> ref.getFieldName() != null ? ref.getFieldName() : "[" + ref.getIndex() + "]")
                    .collect(Collectors.joining("."));
        }
        String reason = e instanceof UnrecognizedPropertyException ? "unknown field"
                : e instanceof InvalidFormatException ? "wrong value type" : "malformed JSON";
        return ProblemResponses.of(400, "Bad Request", "Invalid JSON body: " + reason + where);
    }

    /** Replaces Quarkus' built-in mapper, which answers wrong value types with an empty 400. */
    @ServerExceptionMapper
    public Response mismatchedJson(MismatchedInputException e) {
        return badJson(e);
    }

    @ServerExceptionMapper
    public Response web(WebApplicationException e) {
        for (Throwable cause = e.getCause(); cause != null; cause = cause.getCause()) {
            if (cause instanceof JsonProcessingException json) {
                return badJson(json);
            }
        }
        int status = e.getResponse().getStatus();
        String title = Response.Status.fromStatusCode(status) == null ? "Error"
                : Response.Status.fromStatusCode(status).getReasonPhrase();
        String detail = switch (status) {
            case 404 -> "No such resource";
            case 405 -> "Method not allowed on this resource";
            case 415 -> "Unsupported media type";
            case 406 -> "Not acceptable";
            default -> title;
        };
        return ProblemResponses.of(status, title, detail);
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
        String reference = LoginPages.newReference();
        // Only the class name: messages of arbitrary exceptions may carry secrets or personal data.
        LOG.errorf("Unhandled %s, reference %s", e.getClass().getName(), reference);
        LOG.debug("Unhandled exception", e);
        if (BROWSER_FLOW.matcher(uri.getPath()).matches()) {
            // No realm branding: looking the realm up could fail the same way the request just did.
            return LoginPages.error(PageContext.of(headers, uri, null), 500, LoginError.UNEXPECTED, reference);
        }
        return ProblemResponses.of(500, "Internal Server Error", "Unexpected error, reference " + reference);
    }

    /** Paths a browser follows during sign-on: they get an HTML page, never JSON. */
    private static final Pattern BROWSER_FLOW = Pattern.compile(
            "/realms/[^/]+/(broker/.*|login-actions/.*|protocol/openid-connect/(auth|logout))");
}
