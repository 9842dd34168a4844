package io.junction.web;

import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * The message pattern of the browser suite's data interop test (lib/data-parties.js): text is
 * 'A' + seq followed by 'a'..'z' repeating; binary is seq in byte 0 followed by (seq*7+i)&255.
 */
final class PeerPattern {
    private PeerPattern() {
    }

    static String text(int seq, int size) {
        StringBuilder s = new StringBuilder(size);
        s.append((char) ('A' + seq));
        for (int i = 1; i < size; i++) {
            s.append((char) ('a' + i % 26));
        }
        return s.toString();
    }

    static byte[] binary(int seq, int size) {
        byte[] b = new byte[size];
        b[0] = (byte) seq;
        for (int i = 1; i < size; i++) {
            b[i] = (byte) (seq * 7 + i);
        }
        return b;
    }

    /** Adds seq, size and whether the pattern holds. */
    static void describeText(String d, ObjectNode out) {
        boolean ok = !d.isEmpty();
        for (int i = 1; ok && i < d.length(); i++) {
            ok = d.charAt(i) == 'a' + i % 26;
        }
        out.put("seq", d.isEmpty() ? -1 : d.charAt(0) - 'A').put("size", d.length()).put("ok", ok);
    }

    static void describeBinary(byte[] b, ObjectNode out) {
        boolean ok = b.length > 0;
        int seq = b.length > 0 ? b[0] & 0xff : -1;
        for (int i = 1; ok && i < b.length; i++) {
            ok = (b[i] & 0xff) == ((seq * 7 + i) & 0xff);
        }
        out.put("seq", seq).put("size", b.length).put("ok", ok);
    }
}
