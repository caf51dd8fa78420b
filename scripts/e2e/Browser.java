import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
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

    /** Member name to the role the page shows for it (primary, secondary, or empty when none is announced). */
    @SuppressWarnings("unchecked")
    Map<String, String> memberRoles() throws Exception {
        String rows = evaluate("JSON.stringify([...document.querySelectorAll('#members tr[data-member]')]"
                + ".map((row) => [row.dataset.member, row.querySelector('td[data-role]').dataset.role]))");
        Map<String, String> roles = new LinkedHashMap<>();
        for (Object row : (List<Object>) Json.parse(rows)) {
            List<Object> cells = (List<Object>) row;
            roles.put((String) cells.get(0), (String) cells.get(1));
        }
        return roles;
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
