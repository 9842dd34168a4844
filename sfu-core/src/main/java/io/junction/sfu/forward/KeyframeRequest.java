package io.junction.sfu.forward;

/** What {@link KeyframeRequester#poll} asks the caller to send upstream. */
public enum KeyframeRequest {
    /** Nothing to send now. */
    NONE,
    /** Picture Loss Indication (RFC 4585 §6.3.1). */
    PLI,
    /** Full Intra Request (RFC 5104 §4.3.1) with {@link KeyframeRequester#firSequenceNumber()}. */
    FIR
}
