package io.junction.web;

import io.junction.signaling.RoomMode;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The command line: {@code java -jar junction.jar [--port N] [--media-port N] [--announce ADDR]...
 * [--mode sfu|p2p]}. Runs until Ctrl-C or SIGTERM, then closes cleanly from a shutdown hook.
 */
@Command(name = "junction", mixinStandardHelpOptions = false, sortOptions = false,
        description = "Junction: WebRTC signaling and SFU media server.")
public final class JunctionMain implements Callable<Integer> {

    @Spec
    CommandSpec spec;

    @Option(names = "--port", paramLabel = "PORT", defaultValue = "8080",
            description = "HTTP and WebSocket port, 0..65535, 0 = any free port (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--media-port", paramLabel = "PORT", defaultValue = "10000",
            description = "UDP media port shared by all participants, 0..65535 (default: ${DEFAULT-VALUE}).")
    int mediaPort;

    @Option(names = "--announce", paramLabel = "ADDR",
            description = "Address put in the server's ICE candidates; repeat for several.")
    List<String> announce = new ArrayList<>();

    @Option(names = "--mode", paramLabel = "MODE", defaultValue = "sfu",
            description = "Mode of new rooms: sfu or p2p (default: ${DEFAULT-VALUE}).")
    String mode;

    @Option(names = "--help", usageHelp = true, description = "Show this help and exit.")
    boolean help;

    /** The validated options; throws a picocli parameter error naming the bad option. */
    Options options() {
        try {
            return new Options(port, mediaPort, announce, RoomMode.fromWireName(mode));
        } catch (IllegalArgumentException e) {
            String message = e.getMessage().startsWith("mode ") ? "--" + e.getMessage() : e.getMessage();
            throw new CommandLine.ParameterException(spec.commandLine(), message, e);
        }
    }

    @Override
    public Integer call() throws Exception {
        JunctionServer server = JunctionServer.start(options());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.close();
            stopped.countDown();
        }, "junction-shutdown"));
        stopped.await();
        return 0;
    }

    /** Parses {@code args} into options without starting anything (for embedding and tests). */
    public static Options parse(String... args) {
        JunctionMain main = new JunctionMain();
        new CommandLine(main).parseArgs(args);
        return main.options();
    }

    public static void main(String[] args) {
        System.exit(new CommandLine(new JunctionMain()).execute(args));
    }
}
