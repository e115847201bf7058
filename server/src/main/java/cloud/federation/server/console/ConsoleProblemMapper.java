package cloud.federation.server.console;

import cloud.federation.realm.problem.ProblemException;
import cloud.federation.realm.problem.ProblemResponses;
import cloud.federation.server.console.session.ConsoleSessionFilter;
import jakarta.inject.Inject;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * The console is a browser UI: a refusal there (no access to a realm, a stale CSRF token, an unknown domain) is a
 * plain page, while the API keeps answering problem+json. Ranks before the API's mapper and answers for both.
 */
public class ConsoleProblemMapper {

    @Inject
    ConsolePages pages;

    @ServerExceptionMapper(priority = Priorities.USER - 100)
    public Response problem(ProblemException e, UriInfo uri) {
        if (uri.getPath().startsWith(ConsoleSessionFilter.PREFIX)) {
            return pages.error(e.status(), e.getMessage());
        }
        return ProblemResponses.of(e.status(), e.title(), e.getMessage());
    }
}
