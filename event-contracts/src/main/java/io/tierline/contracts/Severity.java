package io.tierline.contracts;

/** SEV1 is the most urgent: production down for an enterprise customer. */
public enum Severity {
    SEV1, SEV2, SEV3, SEV4
}
