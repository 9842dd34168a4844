package io.junction.sctp.dcep;

/** Payload Protocol Identifiers of WebRTC data channels (RFC 8831 §8, RFC 8832 §8.1). */
public final class Ppid {
    public static final long DCEP = 50;
    public static final long STRING = 51;
    public static final long BINARY = 53;
    /** An empty string, sent as one zero byte (RFC 8831 §6.6). */
    public static final long STRING_EMPTY = 56;
    /** An empty binary message, sent as one zero byte (RFC 8831 §6.6). */
    public static final long BINARY_EMPTY = 57;

    private Ppid() {
    }
}
