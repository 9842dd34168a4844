package io.junction.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Reads the {@code preference} data of an sfu room's {@code message} (PROTOCOL.md "Layer
 * preferences (1.5)"): {@code publisher} (a participant id, required), {@code maxHeight}
 * (optional integer in [1, {@value #MAX_HEIGHT}], or null / absent for no limit) and
 * {@code paused} (optional boolean, default false). Stateless.
 */
final class PreferenceCodec {
    static final String TYPE = "preference";
    /** The largest {@code maxHeight} accepted (8K is 4320 lines). */
    static final int MAX_HEIGHT = 8192;
    private static final int MAX_ID_CHARS = 128;

    /** A decoded preference; {@code maxHeight} 0 means no limit. */
    record Preference(String publisher, int maxHeight, boolean paused) {
    }

    private PreferenceCodec() {
    }

    static Preference decode(ObjectNode data) throws SignalDecodeException {
        JsonNode pub = data.get("publisher");
        if (pub == null || !pub.isTextual() || pub.asText().isEmpty() || pub.asText().length() > MAX_ID_CHARS) {
            throw SignalCodec.badMessage("field 'data.publisher' is missing or not a participant id", "message");
        }
        int maxHeight = 0;
        JsonNode h = data.get("maxHeight");
        if (h != null && !h.isNull()) {
            if (!h.isIntegralNumber() || !h.canConvertToInt() || h.intValue() < 1 || h.intValue() > MAX_HEIGHT) {
                throw SignalCodec.badMessage("field 'data.maxHeight' must be an integer in [1, " + MAX_HEIGHT
                        + "] or null", "message");
            }
            maxHeight = h.intValue();
        }
        boolean paused = false;
        JsonNode p = data.get("paused");
        if (p != null && !p.isNull()) {
            if (!p.isBoolean()) {
                throw SignalCodec.badMessage("field 'data.paused' must be a boolean", "message");
            }
            paused = p.booleanValue();
        }
        return new Preference(pub.asText(), maxHeight, paused);
    }
}
