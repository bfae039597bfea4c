package io.tierline.contracts;

/** Support tiers: L1 takes the first wave, L2 digs into root causes, L3 works with the code. */
public enum Tier {
    L1, L2, L3
}
