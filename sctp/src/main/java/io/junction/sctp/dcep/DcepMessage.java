package io.junction.sctp.dcep;

import io.junction.sctp.chunk.Bytes;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/**
 * DCEP messages (RFC 8832 §5): DATA_CHANNEL_OPEN (type 0x03: channel type, priority, reliability
 * parameter, label and protocol lengths, label, protocol) and DATA_CHANNEL_ACK (type 0x02, one byte).
 */
public final class DcepMessage {
    public static final int OPEN = 0x03;
    public static final int ACK = 0x02;
    public static final int OPEN_HEADER = 12;

    /** A parsed DATA_CHANNEL_OPEN. */
    public record Open(int channelType, int priority, long reliability, String label, String protocol) {
        /** The channel options this OPEN describes (RFC 8832 §5.1 reliability parameter). */
        public ChannelOptions options() {
            int base = channelType & 0x7F;
            return new ChannelOptions(ChannelType.ordered(channelType),
                    base == ChannelType.PARTIAL_RELIABLE_REXMIT ? (int) Math.min(reliability, 65535) : -1,
                    base == ChannelType.PARTIAL_RELIABLE_TIMED ? reliability : -1, protocol, false, -1, priority);
        }
    }

    private DcepMessage() {
    }

    public static boolean isAck(byte[] b, int off, int len) {
        return len == 1 && b[off] == ACK;
    }

    /** Parses a DATA_CHANNEL_OPEN; null when the type, a length or the UTF-8 is wrong. */
    public static Open parseOpen(byte[] b, int off, int len) {
        if (len < OPEN_HEADER || b[off] != OPEN) {
            return null;
        }
        int type = Bytes.u8(b, off + 1);
        int labelLen = Bytes.u16(b, off + 8);
        int protoLen = Bytes.u16(b, off + 10);
        if (!ChannelType.isKnown(type) || OPEN_HEADER + labelLen + protoLen > len) {
            return null;
        }
        String label = utf8(b, off + OPEN_HEADER, labelLen);
        String proto = utf8(b, off + OPEN_HEADER + labelLen, protoLen);
        if (label == null || proto == null) {
            return null;
        }
        return new Open(type, Bytes.u16(b, off + 2), Bytes.u32(b, off + 4), label, proto);
    }

    private static String utf8(byte[] b, int off, int len) {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b, off, len)).toString();
        } catch (CharacterCodingException e) {
            return null;
        }
    }

    /** Encodes a DATA_CHANNEL_OPEN for {@code label} and {@code o}. */
    public static byte[] open(String label, ChannelOptions o) {
        byte[] l = label.getBytes(StandardCharsets.UTF_8);
        byte[] p = o.protocol().getBytes(StandardCharsets.UTF_8);
        if (l.length > 65535) {
            throw new IllegalArgumentException("label must be at most 65535 UTF-8 bytes, was " + l.length);
        }
        byte[] m = new byte[OPEN_HEADER + l.length + p.length];
        m[0] = OPEN;
        m[1] = (byte) ChannelType.of(o);
        Bytes.put16(m, 2, o.priority());
        Bytes.put32(m, 4, o.maxRetransmits() >= 0 ? o.maxRetransmits()
                : o.maxPacketLifeTimeMs() >= 0 ? o.maxPacketLifeTimeMs() : 0);
        Bytes.put16(m, 8, l.length);
        Bytes.put16(m, 10, p.length);
        System.arraycopy(l, 0, m, OPEN_HEADER, l.length);
        System.arraycopy(p, 0, m, OPEN_HEADER + l.length, p.length);
        return m;
    }

    public static byte[] ack() {
        return new byte[] {ACK};
    }
}
