package io.junction.sctp.chunk;

/** Test helper: annotated hex. Everything after '#' on a line is a comment. */
public final class Hex {
    private Hex() {
    }

    public static byte[] parse(String annotated) {
        StringBuilder d = new StringBuilder();
        for (String line : annotated.split("\n")) {
            int hash = line.indexOf('#');
            for (char c : (hash >= 0 ? line.substring(0, hash) : line).toCharArray()) {
                if (Character.digit(c, 16) >= 0) {
                    d.append(c);
                } else if (!Character.isWhitespace(c)) {
                    throw new IllegalArgumentException("bad hex char '" + c + "' in: " + line);
                }
            }
        }
        if (d.length() % 2 != 0) {
            throw new IllegalArgumentException("odd number of hex digits");
        }
        return java.util.HexFormat.of().parseHex(d);
    }

    /** A packet from annotated hex with its CRC32c filled in. */
    public static byte[] packet(String annotated) {
        byte[] p = parse(annotated);
        new Crc32c().write(p, 0, p.length);
        return p;
    }
}
