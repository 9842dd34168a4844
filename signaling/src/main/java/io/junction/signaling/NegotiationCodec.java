package io.junction.signaling;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.junction.sfu.signal.Negotiation;

/**
 * Converts {@code message.data} objects to {@link Negotiation} records and back
 * (RFC 8829 RTCSessionDescriptionInit, RFC 8838 trickled RTCIceCandidateInit).
 * Accepts the three candidate shapes of PROTOCOL.md: the standard
 * {@code {candidate, sdpMid, sdpMLineIndex}}, the older {@code {label, id, candidate}}
 * and {@code {sdpMLineIndex, sdpMid, sdp}}. Stateless and thread-safe.
 */
public final class NegotiationCodec {
    private final SignalCodec codec;

    public NegotiationCodec(SignalCodec codec) {
        this.codec = codec;
    }

    /** True when {@code dataType} is one of {@code offer}, {@code answer}, {@code candidate}. */
    public static boolean isNegotiation(String dataType) {
        return "offer".equals(dataType) || "answer".equals(dataType) || "candidate".equals(dataType);
    }

    /** Reads a negotiation {@code data} object; a missing or mistyped field is {@code bad-message}. */
    public Negotiation decode(ObjectNode data) throws SignalDecodeException {
        String type = data.path("type").asText();
        switch (type) {
            case "offer":
                return new Negotiation.Offer(requiredString(data, "sdp"));
            case "answer":
                return new Negotiation.Answer(requiredString(data, "sdp"));
            case "candidate":
                return candidate(data);
            default:
                throw SignalCodec.badMessage("data.type '" + type + "' is not a negotiation message", "message");
        }
    }

    private static Negotiation.Candidate candidate(ObjectNode data) throws SignalDecodeException {
        String candidate = optionalString(data, "candidate");
        if (candidate == null) {
            candidate = optionalString(data, "sdp");
        }
        if (candidate == null) {
            throw SignalCodec.badMessage("field 'data.candidate' is missing or not a string", "message");
        }
        String mid = optionalString(data, "sdpMid");
        if (mid == null) {
            mid = optionalString(data, "id");
        }
        Integer index = optionalIndex(data, "sdpMLineIndex");
        if (index == null) {
            index = optionalIndex(data, "label");
        }
        return new Negotiation.Candidate(candidate, mid, index == null ? -1 : index);
    }

    private static String requiredString(ObjectNode data, String field) throws SignalDecodeException {
        String value = optionalString(data, field);
        if (value == null) {
            throw SignalCodec.badMessage("field 'data." + field + "' is missing or not a string", "message");
        }
        return value;
    }

    private static String optionalString(ObjectNode data, String field) throws SignalDecodeException {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isTextual()) {
            throw SignalCodec.badMessage("field 'data." + field + "' is not a string", "message");
        }
        return node.asText();
    }

    private static Integer optionalIndex(ObjectNode data, String field) throws SignalDecodeException {
        JsonNode node = data.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isIntegralNumber() || !node.canConvertToInt() || node.intValue() < 0) {
            throw SignalCodec.badMessage("field 'data." + field + "' is not a non-negative integer", "message");
        }
        return node.intValue();
    }

    /** Writes the engine's negotiation message as a {@code data} object. */
    public ObjectNode encode(Negotiation negotiation) {
        ObjectNode data = codec.newObject();
        if (negotiation instanceof Negotiation.Offer) {
            data.put("type", "offer").put("sdp", ((Negotiation.Offer) negotiation).sdp());
        } else if (negotiation instanceof Negotiation.Answer) {
            data.put("type", "answer").put("sdp", ((Negotiation.Answer) negotiation).sdp());
        } else {
            Negotiation.Candidate c = (Negotiation.Candidate) negotiation;
            data.put("type", "candidate").put("candidate", c.candidate()).put("sdpMid", c.sdpMid());
            if (c.sdpMLineIndex() >= 0) {
                data.put("sdpMLineIndex", c.sdpMLineIndex());
            } else {
                data.putNull("sdpMLineIndex");
            }
        }
        return data;
    }
}
