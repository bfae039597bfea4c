package io.tierline.testsupport;

import org.hibernate.stat.Statistics;

import java.util.HashMap;
import java.util.Map;

/**
 * Hibernate's query-plan cache misses per query (statistics on in the service's tests), so a test can show which
 * queries made new plans while it ran: a native select adds one per call.
 */
public final class QueryPlans {

    /** Plan-cache misses so far, by query. */
    public static Map<String, Long> misses(Statistics statistics) {
        Map<String, Long> misses = new HashMap<>();
        for (String query : statistics.getQueries()) {
            misses.put(query, statistics.getQueryStatistics(query).getPlanCacheMissCount());
        }
        return misses;
    }

    /** The queries that missed since {@code before}, with how many times. */
    public static Map<String, Long> grown(Map<String, Long> before, Map<String, Long> after) {
        Map<String, Long> grown = new HashMap<>();
        after.forEach((query, n) -> {
            long more = n - before.getOrDefault(query, 0L);
            if (more > 0) {
                grown.put(query, more);
            }
        });
        return grown;
    }

    private QueryPlans() {
    }
}
