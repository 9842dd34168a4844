package io.junction.signaling;

import java.io.IOException;
import java.io.InputStream;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpMethod;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serves the page's files from a class-path folder ({@code static/}): {@code GET} and {@code HEAD}, {@code /}
 * as {@code index.html}, a strong ETag with {@code 304} on a matching {@code If-None-Match} (RFC 9110 §13.1.2),
 * {@code Cache-Control: no-cache} so a new release is picked up at once. Each file is read once and kept in
 * memory (the page is a dozen small files); paths that are not plain names ({@code [A-Za-z0-9._-]} segments, no
 * {@code ..}) and files that do not exist are declined (the next handler answers 404) and never cached.
 *
 * <p>Why not Jetty's {@code ResourceHandler} over a class-loader resource: inside the runnable fat jar that
 * mounts the whole jar as a zip file system, an index of every one of its ~26,000 entries kept on the heap
 * for the life of the server, to serve these few files.
 */
final class ClasspathFiles extends Handler.Abstract.NonBlocking {
    private static final Logger LOG = LoggerFactory.getLogger(ClasspathFiles.class);
    private static final int MAX_PATH = 256;
    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "json", "application/json", "svg", "image/svg+xml",
            "png", "image/png", "ico", "image/x-icon", "txt", "text/plain; charset=utf-8");

    private final ClassLoader loader;
    private final String folder;
    private final Map<String, File> files = new ConcurrentHashMap<>();

    private record File(byte[] body, String type, String etag) {
    }

    /** @param folder class-path folder with a trailing slash, e.g. {@code static/} */
    ClasspathFiles(ClassLoader loader, String folder) {
        this.loader = loader;
        this.folder = folder;
    }

    /** Whether the folder has an {@code index.html} (otherwise there is no page to serve). */
    boolean hasIndex() {
        return load("index.html") != null;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) {
        String method = request.getMethod();
        boolean head = HttpMethod.HEAD.is(method);
        if (!head && !HttpMethod.GET.is(method)) {
            return false;
        }
        String path = Request.getPathInContext(request);
        String name = path.equals("/") ? "index.html" : plainName(path);
        File f = name == null ? null : load(name);
        if (f == null) {
            return false;
        }
        response.getHeaders().put(HttpHeader.ETAG, f.etag());
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-cache");
        String match = request.getHeaders().get(HttpHeader.IF_NONE_MATCH);
        if (match != null && (match.equals(f.etag()) || match.equals("*"))) {
            response.setStatus(304);
            callback.succeeded();
            return true;
        }
        response.setStatus(200);
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, f.type());
        response.getHeaders().put(HttpHeader.CONTENT_LENGTH, f.body().length);
        if (head) {
            callback.succeeded();
        } else {
            response.write(true, java.nio.ByteBuffer.wrap(f.body()).asReadOnlyBuffer(), callback);
        }
        return true;
    }

    /** {@code /a/b.js} → {@code a/b.js} when every segment is a plain file name; otherwise null. */
    static String plainName(String path) {
        if (path == null || !path.startsWith("/") || path.length() > MAX_PATH || path.endsWith("/")) {
            return null;
        }
        String name = path.substring(1);
        for (String segment : name.split("/", -1)) {
            if (segment.isEmpty() || segment.equals(".") || segment.equals("..") || segment.startsWith(".")) {
                return null;
            }
            for (int i = 0; i < segment.length(); i++) {
                char c = segment.charAt(i);
                boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                        || c == '.' || c == '_' || c == '-';
                if (!ok) {
                    return null;
                }
            }
        }
        return name;
    }

    private File load(String name) {
        File cached = files.get(name);
        if (cached != null) {
            return cached;
        }
        URL url = loader.getResource(folder + name);
        if (url == null || isDirectory(url)) {
            return null;
        }
        byte[] body;
        try (InputStream in = url.openStream()) {
            body = in.readAllBytes();
        } catch (IOException e) {
            LOG.warn("cannot read class-path file {}{}: {}", folder, name, e.toString());
            return null;
        }
        int dot = name.lastIndexOf('.');
        String type = TYPES.getOrDefault(dot < 0 ? "" : name.substring(dot + 1).toLowerCase(Locale.ROOT),
                "application/octet-stream");
        File f = new File(body, type, etag(body));
        files.put(name, f);
        return f;
    }

    /** A {@code file:} URL of a directory (class files run from {@code target/classes}); jar entries are files. */
    private static boolean isDirectory(URL url) {
        if (!"file".equals(url.getProtocol())) {
            return false;
        }
        try {
            return !Files.isRegularFile(Path.of(url.toURI()));
        } catch (URISyntaxException | IllegalArgumentException e) {
            return true;
        }
    }

    private static String etag(byte[] body) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(body);
            return "\"" + HexFormat.of().formatHex(d, 0, 12) + "\"";
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is required of every Java platform", e);
        }
    }
}
