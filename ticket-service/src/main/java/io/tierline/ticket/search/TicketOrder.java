package io.tierline.ticket.search;

/**
 * The orders a ticket list comes in: newest first by creation or by last change, or most severe first (newest first
 * within a severity). Each pages by its own keys, so its cursors are its own.
 */
public enum TicketOrder {
    CREATED("created"), UPDATED("updated"), SEVERITY("severity");

    private final String parameter;

    TicketOrder(String parameter) {
        this.parameter = parameter;
    }

    public String parameter() {
        return parameter;
    }

    public static TicketOrder of(String parameter) {
        for (TicketOrder order : values()) {
            if (order.parameter.equals(parameter)) {
                return order;
            }
        }
        return null;
    }
}
