package io.junction.sctp.assoc;

/** Association states (RFC 9260 §4). */
public enum State {
    CLOSED, COOKIE_WAIT, COOKIE_ECHOED, ESTABLISHED,
    SHUTDOWN_PENDING, SHUTDOWN_SENT, SHUTDOWN_RECEIVED, SHUTDOWN_ACK_SENT
}
