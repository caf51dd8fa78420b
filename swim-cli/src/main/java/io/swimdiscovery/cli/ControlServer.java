package io.swimdiscovery.cli;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.jspecify.annotations.Nullable;

/**
 * The node's local control endpoint: plain HTTP on the loopback address only, so nothing off the
 * host can read the member list or change keys. {@code GET /members} answers the member list and
 * statistics; {@code POST /keys/install|use|remove} (body: a Base64 key) and
 * {@code POST /encryption} (body: NONE, ROLLOUT or REQUIRED) rotate keys at runtime. The JDK's
 * own HTTP server is enough for a handful of local requests and adds no dependency.
 */
final class ControlServer implements AutoCloseable {

    /** Longest request body read (a Base64 key is 44 characters). */
    private static final int MAX_BODY = 1024;

    private final HttpServer server;
    private final ExecutorService executor;
    private final SwimNode node;
    private final MemberJson json;

    private ControlServer(HttpServer server, ExecutorService executor, SwimNode node, MemberJson json) {
        this.server = server;
        this.executor = executor;
        this.node = node;
        this.json = json;
    }

    /** Binds 127.0.0.1:{@code port} (0 picks a free one) and starts answering. */
    static ControlServer start(int port, SwimNode node, MemberJson json) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), 8);
        ExecutorService executor = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "swim-control");
            t.setDaemon(true);
            return t;
        });
        server.setExecutor(executor);
        ControlServer control = new ControlServer(server, executor, node, json);
        server.createContext("/members", control::members);
        server.createContext("/keys/", control::keys);
        server.createContext("/encryption", control::encryption);
        server.start();
        return control;
    }

    int port() {
        return server.getAddress().getPort();
    }

    private void members(HttpExchange exchange) throws IOException {
        if (!"GET".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, error("use GET"));
            return;
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("local", json.member(node.localMember()));
        List<Object> members = new ArrayList<>();
        for (Member m : node.members()) {
            members.add(json.member(m));
        }
        out.put("members", members);
        out.put("statistics", MemberJson.statistics(node.statistics()));
        out.put("encryptionMode", node.encryptionMode().name());
        out.put("keys", node.keyring().size());
        RoleState role = node.roleState();
        if (!role.group().isEmpty()) {
            Map<String, Object> roleOut = json.role(role);
            roleOut.put("primaryNow", node.isPrimary());
            out.put("role", roleOut);
        }
        respond(exchange, 200, out);
    }

    private void keys(HttpExchange exchange) throws IOException {
        String action = exchange.getRequestURI().getPath().substring("/keys/".length());
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, error("use POST"));
            return;
        }
        try {
            byte[] key = Keyring.parseKey(body(exchange));
            Keyring ring = node.keyring();
            switch (action) {
                case "install" -> ring.install(key);
                case "use" -> ring.use(key);
                case "remove" -> ring.remove(key);
                default -> {
                    respond(exchange, 404, error("unknown key action '" + action + "'; use install, use or remove"));
                    return;
                }
            }
            respond(exchange, 200, Map.of("keys", ring.size(), "action", action));
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, error(e.getMessage()));
        }
    }

    private void encryption(HttpExchange exchange) throws IOException {
        if (!"POST".equals(exchange.getRequestMethod())) {
            respond(exchange, 405, error("use POST"));
            return;
        }
        try {
            EncryptionMode mode = EncryptionMode.valueOf(body(exchange).toUpperCase(Locale.ROOT));
            node.encryptionMode(mode);
            respond(exchange, 200, Map.of("encryptionMode", mode.name()));
        } catch (IllegalArgumentException e) {
            respond(exchange, 400, error(e.getMessage()));
        }
    }

    private static String body(HttpExchange exchange) throws IOException {
        try (InputStream in = exchange.getRequestBody()) {
            byte[] bytes = in.readNBytes(MAX_BODY + 1);
            if (bytes.length > MAX_BODY) {
                throw new IllegalArgumentException("request body longer than " + MAX_BODY + " bytes");
            }
            return new String(bytes, StandardCharsets.UTF_8).trim();
        }
    }

    private static Map<String, Object> error(@Nullable String message) {
        return Map.of("error", message == null ? "bad request" : message);
    }

    private static void respond(HttpExchange exchange, int status, Object body) throws IOException {
        byte[] bytes = (Json.write(body) + "\n").getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
