package io.junction.sfu.forward;

/** Test helper: hex with spaces, '|' separators and trailing "# comment" ignored. */
final class Hex {
    private Hex() {
    }

    static byte[] bytes(String annotated) {
        String s = annotated.replaceAll("#.*", "").replaceAll("[\\s|]", "");
        byte[] b = new byte[s.length() / 2];
        for (int i = 0; i < b.length; i++) {
            b[i] = (byte) Integer.parseInt(s.substring(2 * i, 2 * i + 2), 16);
        }
        return b;
    }
}
