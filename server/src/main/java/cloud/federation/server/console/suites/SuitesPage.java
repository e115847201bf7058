package cloud.federation.server.console.suites;

import java.util.List;

/** The suites page's model under {@code realm}: the layout's navigation needs the realm's {@code name}. */
public record SuitesPage(String name, List<SuiteRow> suites) {
}
