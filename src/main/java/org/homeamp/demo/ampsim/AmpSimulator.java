package org.homeamp.demo.ampsim;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.databind.JsonNode;

/**
 * An in-process simulated CubeCoders AMP controller (ADS) on loopback that speaks AMP's real wire
 * format: POST-only JSON API, errors as HTTP-200 envelopes, controller and per-instance sessions,
 * asynchronous lifecycle and the FileManagerPlugin. It serves one host directory
 * ({@code <hostsDir>/<server>} with {@code host.json}, {@code instances.json} and
 * {@code instances/<InstanceName>/Minecraft/}) so that {@code homeamp demo} and the tests run offline.
 *
 * <p>Not for production use; nothing outside the demo and tests may depend on it.
 */
public final class AmpSimulator implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(AmpSimulator.class);

    private static final int THREADS = 8;

    private HttpServer server;
    private final ExecutorService executor;
    private final SimulatedHost host;
    private final SimulatorControl control;
    private final URI baseUrl;

    private AmpSimulator(HttpServer server, ExecutorService executor, SimulatedHost host) {
        this.server = server;
        this.executor = executor;
        this.host = host;
        this.control = new SimulatorControl(host, this);
        this.baseUrl = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    /**
     * Starts serving {@code hostDir} on 127.0.0.1.
     *
     * @param hostDir the host directory, {@code <hostsDir>/<server>}
     * @param port    the port, or 0 for any free one
     * @return the running simulator
     * @throws java.net.BindException if {@code port} is in use (the caller decides what to do)
     * @throws IOException            if the host files cannot be read
     */
    public static AmpSimulator start(Path hostDir, int port) throws IOException {
        // The JDK server leaves Nagle's algorithm on unless told otherwise; with delayed ACKs every
        // small answer would then wait ~40 ms, which no real AMP does.
        System.setProperty("sun.net.httpserver.nodelay", "true");
        SimulatedHost host = new SimulatedHost(HostConfig.load(hostDir));
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 0);
        String name = host.config().targetName();
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, runnable -> {
            Thread thread = new Thread(runnable, "ampsim-" + name + "-" + threadNumber.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        server.setExecutor(executor);
        AmpSimulator simulator = new AmpSimulator(server, executor, host);
        server.createContext("/", simulator::serve);
        host.bound(simulator.baseUrl.toString(), server.getAddress().getPort());
        server.start();
        log.debug("simulated AMP host {} serving {} on {}", name, hostDir, simulator.baseUrl);
        return simulator;
    }

    /** {@code http://127.0.0.1:<port>}, without a trailing slash or {@code /API}. */
    public URI baseUrl() {
        return baseUrl;
    }

    /** Fault injection and state inspection. */
    public SimulatorControl control() {
        return control;
    }

    /**
     * Host down: the port is closed, so calls meet "connection refused" (as when the host or AMP is
     * off); {@link #comeBackUp()} serves again on the same port. Used through {@link SimulatorControl}.
     */
    synchronized void goDown() {
        if (server != null) {
            server.stop(0);
            server = null;
            log.info("simulated AMP host {} on {} is down", host.config().targetName(), baseUrl);
        }
    }

    synchronized void comeBackUp() throws IOException {
        if (server == null) {
            server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), baseUrl.getPort()), 0);
            server.setExecutor(executor);
            server.createContext("/", this::serve);
            server.start();
            log.info("simulated AMP host {} on {} is up again", host.config().targetName(), baseUrl);
        }
    }

    synchronized boolean isUp() {
        return server != null;
    }

    /** Stops serving at once; open connections are dropped. */
    @Override
    public synchronized void close() {
        if (server != null) {
            server.stop(0);
            server = null;
        }
        executor.shutdownNow();
        log.debug("simulated AMP host {} on {} stopped", host.config().targetName(), baseUrl);
    }

    private void serve(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (!"POST".equals(exchange.getRequestMethod())) {
                exchange.getResponseHeaders().set("Allow", "POST");
                exchange.sendResponseHeaders(405, -1);
                return;
            }
            String path = exchange.getRequestURI().getPath();
            if (!path.startsWith("/API/")) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            byte[] body = exchange.getRequestBody().readAllBytes();
            Object reply;
            try {
                reply = host.handle(path, bearer(exchange), body);
            } catch (IOException | RuntimeException e) {
                // AMP reports server-side exceptions as a 200 fault carrying the exception's name.
                log.warn("simulated AMP {}: {} failed: {}", host.config().targetName(), path, e.toString());
                reply = Envelopes.fault(e.getClass().getSimpleName(), String.valueOf(e.getMessage()), "");
            }
            if (reply == null) {
                exchange.sendResponseHeaders(200, -1);
                return;
            }
            int status = 200;
            byte[] bytes;
            if (reply instanceof SimulatedHost.RawReply raw) {
                status = raw.status();
                bytes = raw.body().getBytes(StandardCharsets.UTF_8);
                if (raw.retryAfter() != null) {
                    exchange.getResponseHeaders().set("Retry-After", String.valueOf(raw.retryAfter()));
                }
            } else {
                bytes = Envelopes.JSON.writeValueAsBytes((JsonNode) reply);
            }
            exchange.getResponseHeaders().set("Content-Type", status == 200 ? "application/json; charset=utf-8" : "text/html");
            // Length 0 would mean "chunked" to HttpServer; -1 is how it sends an empty body.
            exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    private static String bearer(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        if (header == null || !header.toLowerCase(Locale.ROOT).startsWith("bearer ")) {
            return null;
        }
        return header.substring("bearer ".length()).trim();
    }
}
