package io.junction.signaling.whip;

/** A refused WHIP/WHEP request: the HTTP status and the reason sent as the plain-text body. */
final class WhipError extends Exception {
    private static final long serialVersionUID = 1L;
    private final int status;

    WhipError(int status, String reason) {
        super(reason, null, false, false);
        this.status = status;
    }

    int status() {
        return status;
    }
}
