package io.junction.sfu.sdp;

import java.util.List;
import java.util.Objects;

/**
 * One m-section of a participant's peer connection as the server last wrote it.
 *
 * @param mid        the section's mid (never changes)
 * @param kind       the media kind (never changes)
 * @param owner      who created the section: the client (it publishes there) or the server (it sends there)
 * @param rejected   true once rejected (port 0); a rejected section is never reused
 * @param direction  the direction the server last wrote for it
 * @param codecs     the codecs (with RTX) the server last wrote, with their payload types
 * @param extmaps    the header extensions the server last wrote
 * @param track      for server sections, the track sent there; null when inactive or client-owned
 * @param negotiated the last completed negotiation of this section, null while never answered
 */
public record PlannedSection(String mid, String kind, Owner owner, boolean rejected, Direction direction,
                             List<Codec> codecs, List<Extmap> extmaps, SendTrack track,
                             NegotiatedMedia negotiated) {

    /** Who created a section. */
    public enum Owner { CLIENT, SERVER }

    public PlannedSection {
        Objects.requireNonNull(mid, "mid");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(direction, "direction");
        codecs = List.copyOf(codecs);
        extmaps = List.copyOf(extmaps);
    }

    /** True for a server section that carries no track and can take a new one of its kind. */
    public boolean isFreeServerSlot() {
        return owner == Owner.SERVER && !rejected && track == null;
    }

    PlannedSection withNegotiated(NegotiatedMedia n, boolean nowRejected) {
        return new PlannedSection(mid, kind, owner, nowRejected, direction, codecs, extmaps,
                nowRejected ? null : track, n);
    }
}
