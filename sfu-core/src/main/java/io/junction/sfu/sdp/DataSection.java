package io.junction.sfu.sdp;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The server's side of the data-channel m-section (RFC 8841, RFC 8829 §5.2.1 and §5.3.1): answered
 * bundled with the media, {@code a=sctp-port:5000} and {@code a=max-message-size:262144}; at most one
 * data section is accepted per peer connection (further ones are rejected with port 0). It carries no
 * direction attribute and no rtcp-mux. The section stays client-owned: server re-offers repeat it.
 */
final class DataSection {
    static final String PROTO = "UDP/DTLS/SCTP";

    private DataSection() {
    }

    /**
     * Answers an offered data section, or rejects it when {@code alreadyAccepted} (a second data
     * section) or the offer rejected it.
     */
    static PlannedSection answer(MediaDescription m, ServerTransport transport, String setup,
                                 List<MediaDescription> out, boolean alreadyAccepted) {
        if (m.isRejected() || alreadyAccepted) {
            out.add(SdpAssembly.rejected(m.kind(), m.proto(), m.formats(), m.mid()));
            NegotiatedMedia n = negotiated(m.mid(), true);
            return new PlannedSection(m.mid(), m.kind(), PlannedSection.Owner.CLIENT, true, Direction.INACTIVE,
                    List.of(), List.of(), null, n);
        }
        out.add(write(m.mid(), m.proto(), transport, setup));
        return new PlannedSection(m.mid(), m.kind(), PlannedSection.Owner.CLIENT, false, Direction.SENDRECV,
                List.of(), List.of(), null, negotiated(m.mid(), false));
    }

    /** The data section as the server writes it in an answer or a re-offer. */
    static MediaDescription write(String mid, String proto, ServerTransport transport, String setup) {
        MediaDescription.Builder b = MediaDescription.builder("application", proto.startsWith("TCP/") ? proto : PROTO);
        SdpAssembly.transport(b, transport, setup);
        b.rtcpMux = false;
        b.formats = new ArrayList<>(List.of(SctpDescription.FORMAT));
        b.mid = mid;
        b.direction = Direction.SENDRECV; // not written for SCTP sections (SdpWriter)
        b.otherAttributes.add("sctp-port:" + SctpDescription.DEFAULT_PORT);
        b.otherAttributes.add("max-message-size:" + SctpDescription.ADVERTISED_MAX_MESSAGE_SIZE);
        return b.build();
    }

    static NegotiatedMedia negotiated(String mid, boolean rejected) {
        return new NegotiatedMedia(mid, "application", rejected, rejected ? Direction.INACTIVE : Direction.SENDRECV,
                List.of(), Map.of(), Map.of(), null, List.of(), List.of(), null);
    }
}
