package cloud.federation.server.console.events;

import java.util.List;

/**
 * An events page's model under {@code realm} (the layout's navigation needs the realm's {@code name}): one page of
 * rows, newest first, and links to the neighbouring pages of the same filter (null where there is none).
 */
public record EventsPage<R>(String name, List<R> rows, EventFilter filter, List<String> resourceTypes,
                            String previousLink, String nextLink) {
}
