package io.junction.signaling.whip;

/**
 * {@code Link} header values announcing ICE servers (RFC 9725 section 4.6, RFC 8288):
 * {@code <stun:host:port>; rel="ice-server"}, with {@code username}, {@code credential} and
 * {@code credential-type="password"} for TURN servers that have credentials.
 */
final class IceLinks {
    private IceLinks() {
    }

    static String link(String url, String username, String credential) {
        StringBuilder b = new StringBuilder("<").append(url).append(">; rel=\"ice-server\"");
        if (username != null && credential != null) {
            b.append("; username=\"").append(quoted(username)).append("\"; credential=\"").append(quoted(credential))
                    .append("\"; credential-type=\"password\"");
        }
        return b.toString();
    }

    /** RFC 9110 section 5.6.4 quoted-string: backslash-escape quote and backslash. */
    private static String quoted(String s) {
        return s.replace("\\", "\\\\").replace("\"", "\\\"");
    }
}
