package io.junction.sfu.sdp;

/**
 * An SDP was refused. {@link #code()} is the PROTOCOL.md error code: {@value #BAD_SDP} (malformed
 * or missing required pieces) or {@value #UNSUPPORTED} (valid SDP the server does not speak,
 * e.g. no BUNDLE, no rtcp-mux, Plan B).
 */
public class SdpException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Malformed SDP or a required piece is missing. */
    public static final String BAD_SDP = "bad-sdp";
    /** Well-formed SDP using something the server does not support. */
    public static final String UNSUPPORTED = "unsupported";

    private final String code;

    public SdpException(String code, String message) {
        super(message);
        if (!BAD_SDP.equals(code) && !UNSUPPORTED.equals(code)) {
            throw new IllegalArgumentException("code must be bad-sdp or unsupported, was " + code);
        }
        this.code = code;
    }

    static SdpException badSdp(String message) {
        return new SdpException(BAD_SDP, message);
    }

    static SdpException unsupported(String message) {
        return new SdpException(UNSUPPORTED, message);
    }

    /** {@code "bad-sdp"} or {@code "unsupported"}. */
    public String code() {
        return code;
    }
}
