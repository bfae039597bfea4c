package io.tierline.contracts;

/** A customer's support plan; SLA targets are chosen per plan and severity. */
public enum Plan {
    STANDARD, BUSINESS, ENTERPRISE
}
