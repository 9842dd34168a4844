package io.junction.sfu.bwe;

/** The over-use detector's signal (draft-ietf-rmcat-gcc-02 §5.4). */
public enum BandwidthUsage {
    /** Delay is not trending: the rate controller may increase. */
    NORMAL,
    /** Queues are building: decrease. */
    OVERUSING,
    /** Queues are draining: hold the rate so they empty. */
    UNDERUSING
}
