import java.io.IOException;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The sample tested as a person uses it: three instances of the sample service as separate
 * processes on 127.0.0.1, one member's cluster page open in headless Chromium (driven through its
 * DevTools protocol over a WebSocket), every member shown ALIVE, one process killed with SIGKILL,
 * and the page showing it DEAD (and gone from its DiscoveryClient list) within the bound; with
 * roles on, the page shows exactly one primary per service (greeter has two instances, billing
 * one). No failover is checked here: greeter's group has two members, and one of two is no
 * majority, so the survivor rightly stays secondary (docs/roles.md); the fault suite checks
 * failover with three.
 * Screenshots of both moments go to the output directory.
 *
 * <p>Compiled and run by scripts/sample-e2e-test.sh ({@code SampleE2E JAR OUT_DIR CHROMIUM
 * BOUND_SECONDS}). JDK only: {@link Browser} speaks DevTools over java.net.http's WebSocket, and
 * {@link Json} reads what the browser sends back.
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
            // Roles: one primary per service (greeter has two instances, billing one), as the page shows them.
            waitFor(FORMATION, "the page shows exactly one greeter primary and billing-1 primary", () -> {
                Map<String, String> roles = browser.memberRoles();
                long greeterPrimaries = roles.entrySet().stream()
                        .filter((e) -> e.getKey().startsWith("greeter-") && "primary".equals(e.getValue()))
                        .count();
                return greeterPrimaries == 1 && "primary".equals(roles.get("billing-1"))
                        && roles.values().stream().allMatch((r) -> r.equals("primary") || r.equals("secondary"));
            });
            browser.screenshot(out.resolve("sample-all-alive.png"));
            System.out.println("page shows roles " + browser.memberRoles());
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

    static final java.util.Set<Integer> TAKEN = new java.util.HashSet<>();

    static int freeTcpPort() throws IOException {
        return freeSwimPort();
    }

    // Below the ephemeral range (32768 and up), so that no client connection of another process
    // takes the port between this check and the instance binding it; free for UDP and TCP, as SWIM
    // needs the same number for both.
    static int freeSwimPort() throws IOException {
        java.util.Random random = new java.util.Random();
        for (int attempt = 0; attempt < 200; attempt++) {
            int port = 20_000 + random.nextInt(12_000);
            if (TAKEN.contains(port)) {
                continue;
            }
            try (DatagramSocket udp = new DatagramSocket(new java.net.InetSocketAddress(InetAddress.getLoopbackAddress(), port));
                    ServerSocket tcp = new ServerSocket(port, 1, InetAddress.getLoopbackAddress())) {
                TAKEN.add(port);
                return port;
            }
            catch (IOException taken) {
                // try another
            }
        }
        throw new IOException("no port free for both UDP and TCP between 20000 and 32000");
    }
}
