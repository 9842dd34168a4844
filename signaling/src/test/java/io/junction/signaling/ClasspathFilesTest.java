package io.junction.signaling;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The page's files from the class path: names, types, ETags, and every path that must not resolve. */
class ClasspathFilesTest {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static Server server;
    private static String base;

    @BeforeAll
    static void start() throws Exception {
        server = new Server();
        ServerConnector c = new ServerConnector(server);
        c.setHost("127.0.0.1");
        c.setPort(0);
        server.addConnector(c);
        server.setHandler(new ClasspathFiles(ClasspathFilesTest.class.getClassLoader(), "classpathfiles/"));
        server.start();
        base = "http://127.0.0.1:" + c.getLocalPort();
    }

    @AfterAll
    static void stop() throws Exception {
        server.stop();
    }

    private static HttpResponse<String> get(String path, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path));
        if (headers.length > 0) {
            b.headers(headers);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void slashIsIndexHtmlAndFilesCarryTheirTypeAndAnEtag() throws Exception {
        HttpResponse<String> index = get("/");
        assertEquals(200, index.statusCode());
        assertTrue(index.body().contains("test page"));
        assertEquals("text/html; charset=utf-8", index.headers().firstValue("content-type").orElseThrow());
        assertEquals("no-cache", index.headers().firstValue("cache-control").orElseThrow());
        HttpResponse<String> js = get("/js/a.js");
        assertEquals(200, js.statusCode());
        assertEquals("export const x = 1;\n", js.body());
        assertEquals("text/javascript; charset=utf-8", js.headers().firstValue("content-type").orElseThrow());
        assertEquals(get("/index.html").headers().firstValue("etag"), index.headers().firstValue("etag"));
    }

    @Test
    void aMatchingIfNoneMatchGets304AndAnotherGetsTheFile() throws Exception {
        String etag = get("/js/a.js").headers().firstValue("etag").orElseThrow();
        assertTrue(etag.matches("\"[0-9a-f]{24}\""), etag);
        HttpResponse<String> same = get("/js/a.js", "If-None-Match", etag);
        assertEquals(304, same.statusCode());
        assertEquals("", same.body());
        assertEquals(200, get("/js/a.js", "If-None-Match", "\"000000000000000000000000\"").statusCode());
    }

    @Test
    void headHasHeadersAndNoBodyAndOtherMethodsAreDeclined() throws Exception {
        HttpResponse<String> head = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/js/a.js"))
                .method("HEAD", HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, head.statusCode());
        assertEquals("20", head.headers().firstValue("content-length").orElseThrow());
        assertEquals("", head.body());
        HttpResponse<String> post = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/js/a.js"))
                .POST(HttpRequest.BodyPublishers.ofString("x")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(404, post.statusCode());
    }

    @ParameterizedTest
    @ValueSource(strings = {"/missing.js", "/js", "/js/", "/.hidden", "/js/a.js%20", "/ClasspathFilesTest.class",
            "/io/junction/signaling/ClasspathFilesTest.class"})
    void pathsThatAreNotExistingPlainFilesGet404(String path) throws Exception {
        assertEquals(404, get(path).statusCode(), path);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/js/%2e%2e/index.html", "/js//a.js", "/a%00.js", "/js/%2e%2e/%2e%2e/Foo.class"})
    void ambiguousPathsAreRefusedBeforeReachingTheFolder(String path) throws Exception {
        int status = get(path).statusCode();
        assertTrue(status == 400 || status == 404, path + " got " + status);
    }

    @Test
    void dotSegmentsResolveInsideTheFolderOnly() throws Exception {
        // the request line carries /js/../index.html; the server canonicalizes it to /index.html
        assertEquals(200, get("/js/../index.html").statusCode());
        int above = get("/../classpathfiles/index.html").statusCode(); // above the root: Jetty refuses it
        assertTrue(above == 400 || above == 404, "got " + above);
    }

    @Test
    void plainNameRefusesEverySegmentThatIsNotAPlainFileName() {
        assertEquals("js/a.js", ClasspathFiles.plainName("/js/a.js"));
        assertEquals("index.html", ClasspathFiles.plainName("/index.html"));
        for (String bad : new String[] {null, "", "js/a.js", "/", "/js/", "//a", "/./a", "/../a", "/a/../b",
                "/.git/config", "/a b", "/a\\b", "/a;b", "/ä.js", "/a?.js", "/" + "a".repeat(300)}) {
            assertNull(ClasspathFiles.plainName(bad), String.valueOf(bad));
        }
    }
}
