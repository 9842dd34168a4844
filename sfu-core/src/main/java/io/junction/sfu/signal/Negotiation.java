package io.junction.sfu.signal;

import java.util.Objects;

/**
 * One negotiation message of a participant's single peer connection, in either direction
 * (RFC 8829 JSEP descriptions and RFC 8838 trickled candidates).
 */
public sealed interface Negotiation {

    /** An SDP offer ({@code data.type == "offer"}). */
    record Offer(String sdp) implements Negotiation {
        public Offer {
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /** An SDP answer ({@code data.type == "answer"}). */
    record Answer(String sdp) implements Negotiation {
        public Answer {
            Objects.requireNonNull(sdp, "sdp");
        }
    }

    /**
     * A trickled ICE candidate. {@code candidate} is the attribute value without the
     * {@code a=} prefix (for example {@code "candidate:1 1 udp 2122260223 127.0.0.1 5000 typ host"});
     * an empty string means end-of-candidates (RFC 8838 section 4.4). {@code sdpMid} may be null,
     * {@code sdpMLineIndex} may be negative when absent.
     */
    record Candidate(String candidate, String sdpMid, int sdpMLineIndex) implements Negotiation {
        public Candidate {
            Objects.requireNonNull(candidate, "candidate");
        }

        public boolean isEndOfCandidates() {
            return candidate.isEmpty();
        }
    }
}
