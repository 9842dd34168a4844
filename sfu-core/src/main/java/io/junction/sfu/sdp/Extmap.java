package io.junction.sfu.sdp;

import java.util.Objects;

/**
 * {@code a=extmap:<id>[/<direction>] <uri> [<attributes>]} (RFC 8285 section 8).
 * {@code direction} is null when absent; {@code attributes} is the empty string when absent.
 */
public record Extmap(int id, Direction direction, String uri, String attributes) {
    public Extmap {
        Objects.requireNonNull(uri, "uri");
        Objects.requireNonNull(attributes, "attributes");
    }

    public Extmap(int id, String uri) {
        this(id, null, uri, "");
    }

    public String toSdp() {
        StringBuilder sb = new StringBuilder().append(id);
        if (direction != null) {
            sb.append('/').append(direction.sdpName());
        }
        sb.append(' ').append(uri);
        if (!attributes.isEmpty()) {
            sb.append(' ').append(attributes);
        }
        return sb.toString();
    }
}
