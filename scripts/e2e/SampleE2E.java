import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The sample tested as a person uses it: three instances of the sample service as separate
 * processes on 127.0.0.1, one member's cluster page open in headless Chromium (driven through its
 * DevTools protocol over a WebSocket), every member shown ALIVE, one process killed with SIGKILL,
 * and the page showing it DEAD (and gone from its DiscoveryClient list) within the bound.
 * Screenshots of both moments go to the output directory.
 *
 * <p>Run by scripts/sample-e2e-test.sh: {@code java SampleE2E.java JAR OUT_DIR CHROMIUM BOUND_SECONDS}.
 * JDK only (single-file source launch): the WebSocket client is java.net.http's, and the JSON the
 * browser sends back is read by the small parser at the end of this file.
 */
public class SampleE2E {

    static final Duration STARTUP = Duration.ofSeconds(120);

    static final Duration FORMATION = Duration.ofSeconds(60);

    final List<Process> processes = new ArrayList<>();

    final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public static void main(String[] args) throws Exception {
        if (args.length != 4) {
            System.err.println("usage: java SampleE2E.java JAR OUT_DIR CHROMIUM FAILURE_BOUND_SECONDS");
            System.exit(2);
        }
        SampleE2E test = new SampleE2E();
        try {
            test.run(Path.of(args[0]), Path.of(args[1]), args[2], Duration.ofSeconds(Long.parseLong(args[3])));
            System.out.println("1 passed, 0 failed");
        }
        catch (AssertionError | Exception ex) {
            System.out.println("FAILED: " + ex.getMessage());
            System.out.println("0 passed, 1 failed");
            System.exit(1);
        }
        finally {
            test.stopAll();
        }
    }

    void run(Path jar, Path out, String chromium, Duration bound) throws Exception {
        Files.createDirectories(out);
        int seed = freeSwimPort();
        String[][] members = { { "greeter", "greeter-1" }, { "greeter", "greeter-2" }, { "billing", "billing-1" } };
        List<Integer> httpPorts = new ArrayList<>();
        for (String[] member : members) {
            int httpPort = freeTcpPort();
            int swimPort = httpPorts.isEmpty() ? seed : freeSwimPort();
            httpPorts.add(httpPort);
            start(jar, out, member[0], member[1], httpPort, swimPort, seed);
        }
        for (int port : httpPorts) {
            waitFor(STARTUP, "instance on port " + port + " answers /actuator/health", () -> status(port) == 200);
        }
        System.out.println("3 instances up: " + httpPorts);

        try (Browser browser = Browser.launch(chromium, out.resolve("chromium-profile"),
                "http://127.0.0.1:" + httpPorts.get(0) + "/")) {
            waitFor(FORMATION, "the page shows greeter-1, greeter-2 and billing-1 ALIVE", () -> {
                Map<String, String> shown = browser.memberStatuses();
                return shown.size() == 3 && shown.values().stream().allMatch("ALIVE"::equals);
            });
            waitFor(FORMATION, "the page's DiscoveryClient list shows every instance",
                    () -> browser.listedInstances().containsAll(List.of("greeter-1", "greeter-2", "billing-1")));
            browser.screenshot(out.resolve("sample-all-alive.png"));
            System.out.println("page shows " + browser.memberStatuses() + ", listed " + browser.listedInstances());

            Process victim = this.processes.get(1);
            long killedAt = System.nanoTime();
            victim.destroyForcibly();
            victim.waitFor(10, TimeUnit.SECONDS);
            System.out.println("killed greeter-2 (SIGKILL, pid " + victim.pid() + ")");
            waitFor(bound, "the page shows greeter-2 DEAD within " + bound.toSeconds() + " s",
                    () -> "DEAD".equals(browser.memberStatuses().get("greeter-2")));
            double seconds = (System.nanoTime() - killedAt) / 1e9;
            waitFor(Duration.ofSeconds(5), "greeter-2 is gone from the page's DiscoveryClient list",
                    () -> !browser.listedInstances().contains("greeter-2"));
            Map<String, String> after = browser.memberStatuses();
            if (!"ALIVE".equals(after.get("greeter-1")) || !"ALIVE".equals(after.get("billing-1"))) {
                throw new AssertionError("survivors not shown ALIVE: " + after);
            }
            // What the page shows is live: it refreshed from its instance within the last few seconds.
            long age = Long.parseLong(browser.evaluate("String(Date.now() - Number(document.body.dataset.refreshed))"));
            if (age > 5_000) {
                throw new AssertionError("the page last refreshed " + age + " ms ago");
            }
            browser.screenshot(out.resolve("sample-member-failed.png"));
            System.out.printf("page showed greeter-2 DEAD %.1f s after the kill (bound %d s); page now %s%n",
                    seconds, bound.toSeconds(), after);
        }
    }

    void start(Path jar, Path out, String service, String name, int httpPort, int swimPort, int seed)
            throws IOException {
        ProcessBuilder builder = new ProcessBuilder("java", "-Xmx192m", "-XX:TieredStopAtLevel=1", "-jar",
                jar.toString(), "--spring.main.banner-mode=off");
        builder.environment().putAll(Map.of("SERVICE_NAME", service, "HTTP_PORT", String.valueOf(httpPort),
                "SWIM_PORT", String.valueOf(swimPort), "SWIM_SEEDS", "127.0.0.1:" + seed, "NODE_NAME", name));
        builder.redirectErrorStream(true).redirectOutput(out.resolve(name + ".log").toFile());
        this.processes.add(builder.start());
        System.out.println("started " + name + " (http " + httpPort + ", swim " + swimPort + ")");
    }

    int status(int port) {
        try {
            HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/actuator/health"))
                .timeout(Duration.ofSeconds(2)).build();
            return this.http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
        }
        catch (IOException ex) {
            return -1;
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    void stopAll() {
        for (Process process : this.processes) {
            process.destroy();
        }
        for (Process process : this.processes) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly();
                }
            }
            catch (InterruptedException ex) {
                process.destroyForcibly();
            }
        }
    }

    interface Check {
        boolean holds() throws Exception;
    }

    static void waitFor(Duration bound, String what, Check check) throws Exception {
        long deadline = System.nanoTime() + bound.toNanos();
        Exception last = null;
        while (System.nanoTime() < deadline) {
            try {
                if (check.holds()) {
                    return;
                }
            }
            catch (Exception ex) {
                last = ex;
            }
            Thread.sleep(250);
        }
        throw new AssertionError("not within " + bound.toSeconds() + " s: " + what
                + ((last != null) ? " (last error: " + last + ")" : ""));
    }

    static int freeTcpPort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        }
    }

    // SWIM needs the same number free for UDP and TCP.
    static int freeSwimPort() throws IOException {
        for (int attempt = 0; attempt < 50; attempt++) {
            try (DatagramSocket udp = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
                int port = udp.getLocalPort();
                try (ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                    return port;
                }
                catch (IOException taken) {
                    // try another
                }
            }
        }
        throw new IOException("no port free for both UDP and TCP");
    }
}

/** Headless Chromium with one page, driven over the DevTools protocol. */
final class Browser implements AutoCloseable {

    private static final Pattern DEVTOOLS = Pattern.compile("DevTools listening on (ws://\\S+)");

    private final Process process;

    private final WebSocket socket;

    private final AtomicInteger ids = new AtomicInteger();

    private final Map<Integer, CompletableFuture<Map<String, Object>>> pending = new ConcurrentHashMap<>();

    private Browser(Process process, WebSocket socket) {
        this.process = process;
        this.socket = socket;
    }

    static Browser launch(String chromium, Path profile, String url) throws Exception {
        Process process = new ProcessBuilder(chromium, "--headless=new", "--no-sandbox", "--disable-gpu",
                "--disable-dev-shm-usage", "--no-first-run", "--remote-debugging-address=127.0.0.1",
                "--remote-debugging-port=0", "--user-data-dir=" + profile, "--window-size=1280,860", url)
            .redirectErrorStream(true)
            .start();
        BufferedReader output = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
        CompletableFuture<String> browserUrl = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                for (String line = output.readLine(); line != null; line = output.readLine()) {
                    Matcher matcher = DEVTOOLS.matcher(line);
                    if (matcher.find()) {
                        browserUrl.complete(matcher.group(1));
                    }
                }
            }
            catch (IOException ex) {
                browserUrl.completeExceptionally(ex);
            }
            browserUrl.completeExceptionally(new IOException("chromium exited without a DevTools address"));
        }, "chromium-output");
        reader.setDaemon(true);
        reader.start();
        URI devtools = URI.create(browserUrl.get(60, TimeUnit.SECONDS));
        HttpClient http = HttpClient.newHttpClient();
        // The page target opened with the URL: its own WebSocket.
        String pageUrl = null;
        for (int attempt = 0; attempt < 40 && pageUrl == null; attempt++) {
            String list = http.send(HttpRequest.newBuilder(URI.create("http://" + devtools.getAuthority() + "/json/list"))
                .build(), HttpResponse.BodyHandlers.ofString()).body();
            for (Object target : (List<?>) Json.parse(list)) {
                Map<?, ?> page = (Map<?, ?>) target;
                if ("page".equals(page.get("type"))) {
                    pageUrl = (String) page.get("webSocketDebuggerUrl");
                }
            }
            if (pageUrl == null) {
                Thread.sleep(250);
            }
        }
        if (pageUrl == null) {
            throw new IOException("chromium opened no page");
        }
        Browser[] self = new Browser[1];
        WebSocket socket = http.newWebSocketBuilder().buildAsync(URI.create(pageUrl), new WebSocket.Listener() {
            private final StringBuilder frame = new StringBuilder();

            @Override
            public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                this.frame.append(data);
                if (last) {
                    self[0].received(this.frame.toString());
                    this.frame.setLength(0);
                }
                webSocket.request(1);
                return null;
            }
        }).get(10, TimeUnit.SECONDS);
        self[0] = new Browser(process, socket);
        return self[0];
    }

    @SuppressWarnings("unchecked")
    private void received(String message) {
        Map<String, Object> json = (Map<String, Object>) Json.parse(message);
        Object id = json.get("id");
        if (id instanceof Number number) {
            CompletableFuture<Map<String, Object>> reply = this.pending.remove(number.intValue());
            if (reply != null) {
                reply.complete(json);
            }
        }
    }

    @SuppressWarnings("unchecked")
    Map<String, Object> call(String method, String params) throws Exception {
        int id = this.ids.incrementAndGet();
        CompletableFuture<Map<String, Object>> reply = new CompletableFuture<>();
        this.pending.put(id, reply);
        this.socket.sendText("{\"id\":" + id + ",\"method\":\"" + method + "\",\"params\":" + params + "}", true)
            .get(10, TimeUnit.SECONDS);
        Map<String, Object> json = reply.get(30, TimeUnit.SECONDS);
        if (json.containsKey("error")) {
            throw new IOException(method + " failed: " + json.get("error"));
        }
        return (Map<String, Object>) json.get("result");
    }

    /** Evaluates a script in the page; its value must be a string (use JSON.stringify). */
    @SuppressWarnings("unchecked")
    String evaluate(String expression) throws Exception {
        Map<String, Object> result = call("Runtime.evaluate",
                "{\"expression\":" + Json.quote(expression) + ",\"returnByValue\":true}");
        Object value = ((Map<String, Object>) result.get("result")).get("value");
        return (value instanceof String text) ? text : String.valueOf(value);
    }

    /** Member name to the status badge the page shows for it, as a person reads the table. */
    @SuppressWarnings("unchecked")
    Map<String, String> memberStatuses() throws Exception {
        String rows = evaluate("JSON.stringify([...document.querySelectorAll('#members tr[data-member]')]"
                + ".map((row) => [row.dataset.member, row.querySelector('.badge').textContent]))");
        Map<String, String> statuses = new LinkedHashMap<>();
        for (Object row : (List<Object>) Json.parse(rows)) {
            List<Object> cells = (List<Object>) row;
            statuses.put((String) cells.get(0), (String) cells.get(1));
        }
        return statuses;
    }

    /** Instance ids the page's DiscoveryClient section lists. */
    @SuppressWarnings("unchecked")
    List<String> listedInstances() throws Exception {
        String links = evaluate("JSON.stringify([...document.querySelectorAll('#services a[data-instance]')]"
                + ".map((a) => a.textContent))");
        return (List<String>) (List<?>) Json.parse(links);
    }

    void screenshot(Path file) throws Exception {
        Map<String, Object> result = call("Page.captureScreenshot", "{\"format\":\"png\"}");
        Files.write(file, Base64.getDecoder().decode((String) result.get("data")));
        System.out.println("screenshot " + file);
    }

    @Override
    public void close() {
        this.socket.abort();
        this.process.destroy();
        try {
            if (!this.process.waitFor(10, TimeUnit.SECONDS)) {
                this.process.destroyForcibly();
            }
        }
        catch (InterruptedException ex) {
            this.process.destroyForcibly();
        }
    }
}

/** Just enough JSON for DevTools replies: objects, arrays, strings, numbers, booleans, null. */
final class Json {

    private final String text;

    private int at;

    private Json(String text) {
        this.text = text;
    }

    static Object parse(String text) {
        Json json = new Json(text);
        Object value = json.value();
        json.space();
        if (json.at != text.length()) {
            throw new IllegalArgumentException("trailing characters at " + json.at);
        }
        return value;
    }

    static String quote(String s) {
        StringBuilder out = new StringBuilder("\"");
        for (char c : s.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                default -> out.append(c < 0x20 ? String.format("\\u%04x", (int) c) : String.valueOf(c));
            }
        }
        return out.append('"').toString();
    }

    private Object value() {
        space();
        char c = this.text.charAt(this.at);
        if (c == '{') {
            Map<String, Object> object = new LinkedHashMap<>();
            this.at++;
            space();
            if (peek('}')) {
                return object;
            }
            do {
                space();
                String key = string();
                space();
                expect(':');
                object.put(key, value());
                space();
            } while (next(','));
            expect('}');
            return object;
        }
        if (c == '[') {
            List<Object> array = new ArrayList<>();
            this.at++;
            space();
            if (peek(']')) {
                return array;
            }
            do {
                array.add(value());
                space();
            } while (next(','));
            expect(']');
            return array;
        }
        if (c == '"') {
            return string();
        }
        for (String word : List.of("true", "false", "null")) {
            if (this.text.startsWith(word, this.at)) {
                this.at += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        int start = this.at;
        while (this.at < this.text.length() && "+-0123456789.eE".indexOf(this.text.charAt(this.at)) >= 0) {
            this.at++;
        }
        return Double.valueOf(this.text.substring(start, this.at));
    }

    private String string() {
        expect('"');
        StringBuilder out = new StringBuilder();
        for (char c = this.text.charAt(this.at++); c != '"'; c = this.text.charAt(this.at++)) {
            if (c != '\\') {
                out.append(c);
                continue;
            }
            char e = this.text.charAt(this.at++);
            switch (e) {
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 'u' -> {
                    out.append((char) Integer.parseInt(this.text.substring(this.at, this.at + 4), 16));
                    this.at += 4;
                }
                default -> out.append(e);
            }
        }
        return out.toString();
    }

    private void space() {
        while (this.at < this.text.length() && Character.isWhitespace(this.text.charAt(this.at))) {
            this.at++;
        }
    }

    private boolean peek(char c) {
        if (this.text.charAt(this.at) == c) {
            this.at++;
            return true;
        }
        return false;
    }

    private boolean next(char c) {
        return this.at < this.text.length() && peek(c);
    }

    private void expect(char c) {
        if (this.text.charAt(this.at) != c) {
            throw new IllegalArgumentException("expected '" + c + "' at " + this.at);
        }
        this.at++;
    }
}
