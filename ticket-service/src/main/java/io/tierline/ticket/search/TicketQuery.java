package io.tierline.ticket.search;

import io.tierline.platform.rest.Cursor;
import io.tierline.ticket.domain.Ticket;

import java.util.ArrayList;
import java.util.List;

/**
 * The SQL of a ticket search: the filter's conditions, the order, and the keyset that starts the page after a
 * cursor. Plain Java, so what is asked of PostgreSQL can be read (and tested) without a database; every value is a
 * bind parameter ({@code ?1}, {@code ?2}, ... in order).
 *
 * @param sql    a native query selecting the ids of the tickets found, in order
 * @param params the values of its parameters, in order
 */
public record TicketQuery(String sql, List<Object> params) {

    /**
     * @param staff  whether internal notes count for the text search (a customer's people search what they see)
     * @param after  the position the page starts after, or null for the first page
     * @param limit  how many rows to fetch (one more than the page size tells whether there are more)
     */
    public static TicketQuery of(TicketFilter filter, TicketOrder order, Cursor after, boolean staff, int limit) {
        List<String> where = new ArrayList<>();
        List<Object> params = new ArrayList<>();
        if (!filter.statuses().isEmpty()) {
            where.add("status = any(cast(" + bind(params, filter.statuses().stream().map(Enum::name)
                    .toArray(String[]::new)) + " as text[]))");
        }
        if (!filter.severities().isEmpty()) {
            where.add("severity = any(cast(" + bind(params, filter.severities().stream().map(Enum::name)
                    .toArray(String[]::new)) + " as text[]))");
        }
        equal(where, params, "tier", filter.tier() == null ? null : filter.tier().name());
        equal(where, params, "team", filter.team());
        equal(where, params, "assignee", filter.assignee());
        equal(where, params, "customer_id", filter.customerId());
        equal(where, params, "source", filter.source());
        equal(where, params, "component", filter.component());
        equal(where, params, "problem_id", filter.problemId());
        if (filter.tag() != null) {
            where.add("tags @> cast(" + bind(params, new String[] {filter.tag()}) + " as text[])");
        }
        if (filter.createdFrom() != null) {
            where.add("created_at >= " + bind(params, filter.createdFrom()));
        }
        if (filter.createdTo() != null) {
            where.add("created_at < " + bind(params, filter.createdTo()));
        }
        if (filter.updatedFrom() != null) {
            where.add("updated_at >= " + bind(params, filter.updatedFrom()));
        }
        if (filter.updatedTo() != null) {
            where.add("updated_at < " + bind(params, filter.updatedTo()));
        }
        if (filter.breached() != null) {
            where.add(filter.breached() ? "breached_at is not null" : "breached_at is null");
        }
        if (filter.text() != null) {
            where.add((staff ? "search" : "public_search") + " @@ websearch_to_tsquery('english', "
                    + bind(params, filter.text()) + ")");
        }
        if (after != null) {
            where.add(keyset(order, after, params));
        }
        String sql = "select id from ticket" + (where.isEmpty() ? "" : " where " + String.join(" and ", where))
                + " order by " + orderBy(order) + " limit " + bind(params, limit);
        return new TicketQuery(sql, List.copyOf(params));
    }

    /** The cursor that starts the page after {@code last}, in this order. */
    public static Cursor cursor(TicketOrder order, Ticket last) {
        return switch (order) {
            case CREATED -> new Cursor(order.parameter(), last.createdAt, last.id);
            case UPDATED -> new Cursor(order.parameter(), last.updatedAt, last.id);
            case SEVERITY -> new Cursor(order.parameter() + ":" + last.severity.name(), last.createdAt, last.id);
        };
    }

    private static String orderBy(TicketOrder order) {
        return switch (order) {
            case CREATED -> "created_at desc, id desc";
            case UPDATED -> "updated_at desc, id desc";
            case SEVERITY -> "severity, created_at desc, id desc"; // SEV1 < SEV2 < ... as text
        };
    }

    private static String keyset(TicketOrder order, Cursor after, List<Object> params) {
        return switch (order) {
            case CREATED -> "(created_at, id) < (" + bind(params, after.at()) + ", " + bind(params, after.id()) + ")";
            case UPDATED -> "(updated_at, id) < (" + bind(params, after.at()) + ", " + bind(params, after.id()) + ")";
            case SEVERITY -> {
                String severity = bind(params, after.key().substring(after.key().indexOf(':') + 1));
                yield "(severity > " + severity + " or (severity = " + severity + " and (created_at, id) < ("
                        + bind(params, after.at()) + ", " + bind(params, after.id()) + ")))";
            }
        };
    }

    private static void equal(List<String> where, List<Object> params, String column, Object value) {
        if (value != null) {
            where.add(column + " = " + bind(params, value));
        }
    }

    private static String bind(List<Object> params, Object value) {
        params.add(value);
        return "?" + params.size();
    }
}
