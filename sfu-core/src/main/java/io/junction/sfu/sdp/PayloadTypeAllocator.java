package io.junction.sfu.sdp;

import java.util.HashMap;
import java.util.Map;

/**
 * Hands out payload types and header-extension ids for one participant, reusing the plan's
 * choices so they stay stable, and never giving one value to two configurations within the
 * bundle (RFC 9143 section 7.5 and RFC 8285 section 6).
 */
final class PayloadTypeAllocator {
    private final Map<String, Integer> payloadTypes;
    private final Map<String, Integer> extensionIds;

    PayloadTypeAllocator(SessionPlan plan) {
        payloadTypes = new HashMap<>(plan.payloadTypes());
        extensionIds = new HashMap<>(plan.extensionIds());
        // Payload types already written in some section count as taken even if not recorded.
        for (PlannedSection s : plan.sections()) {
            for (Codec c : s.codecs()) {
                String key = c.isRtx() ? rtxKey(s, c) : CodecMatcher.key(c);
                if (key != null && !payloadTypes.containsKey(key) && !payloadTypes.containsValue(c.pt())) {
                    payloadTypes.put(key, c.pt());
                }
            }
            for (Extmap e : s.extmaps()) {
                if (!extensionIds.containsKey(e.uri()) && !extensionIds.containsValue(e.id())) {
                    extensionIds.put(e.uri(), e.id());
                }
            }
        }
    }

    private static String rtxKey(PlannedSection s, Codec rtx) {
        for (Codec c : s.codecs()) {
            if (c.pt() == rtx.apt() && !c.isRtx()) {
                return "rtx:" + CodecMatcher.key(c);
            }
        }
        return null;
    }

    /** The payload type of a configuration: recorded, else {@code preferred} when free, else a free dynamic one. */
    int payloadType(String key, int preferred) {
        Integer known = payloadTypes.get(key);
        if (known != null) {
            return known;
        }
        int pt = preferred >= 0 && !payloadTypes.containsValue(preferred) ? preferred : free();
        payloadTypes.put(key, pt);
        return pt;
    }

    /** A free payload type: the dynamic range 96-127 first (RFC 3551 section 3), then 35-63. */
    private int free() {
        for (int pt = 96; pt <= 127; pt++) {
            if (!payloadTypes.containsValue(pt)) {
                return pt;
            }
        }
        for (int pt = 35; pt <= 63; pt++) {
            if (!payloadTypes.containsValue(pt)) {
                return pt;
            }
        }
        throw new IllegalStateException("no free RTP payload type left for this participant");
    }

    /** The extension id of a URI: recorded, else the smallest free one-byte id 1-14 (RFC 8285 section 4.2). */
    int extensionId(String uri) {
        Integer known = extensionIds.get(uri);
        if (known != null) {
            return known;
        }
        for (int id = 1; id <= 14; id++) {
            if (!extensionIds.containsValue(id)) {
                extensionIds.put(uri, id);
                return id;
            }
        }
        throw new IllegalStateException("no free one-byte header extension id left for this participant");
    }

    Map<String, Integer> payloadTypes() {
        return payloadTypes;
    }

    Map<String, Integer> extensionIds() {
        return extensionIds;
    }
}
