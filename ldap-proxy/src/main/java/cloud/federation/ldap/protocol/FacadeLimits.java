package cloud.federation.ldap.protocol;

import java.time.Duration;

/**
 * What one search may cost, whatever the client asks for.
 *
 * @param sizeLimit           entries without paging, and the largest page (Active Directory's MaxPageSize)
 * @param timeLimit           longest search
 * @param maxPagedSearches    paged searches one connection keeps open; the oldest goes beyond this
 * @param maxValueRange       values per attribute before range retrieval applies (AD's MaxValRange)
 * @param maxFilterDepth      deepest nesting of AND, OR and NOT
 * @param maxFilterComponents most filter components in one search
 */
public record FacadeLimits(int sizeLimit, Duration timeLimit, int maxPagedSearches, int maxValueRange,
                           int maxFilterDepth, int maxFilterComponents) {

    public static FacadeLimits defaults() {
        return new FacadeLimits(1000, Duration.ofSeconds(60), 8, 1500, 32, 1000);
    }
}
