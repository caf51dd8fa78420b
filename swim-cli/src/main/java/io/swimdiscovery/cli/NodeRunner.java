package io.swimdiscovery.cli;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.RoleState;
import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.seed.DnsSeedProvider;
import io.swimdiscovery.core.seed.SeedProvider;
import io.swimdiscovery.core.seed.StaticSeedProvider;
import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jspecify.annotations.Nullable;

/**
 * Runs one node as {@link RunCommand} describes it: builds and starts the {@link SwimNode}, prints
 * every membership event and the node's own lifecycle ({@code NodeStarted}, {@code Joined} or
 * {@code JoinFailed}, {@code NodeStopped}) as JSON lines, and serves the control endpoint.
 */
final class NodeRunner {

    private static final long WATCH_MILLIS = 250;

    private static final long ROLE_POLL_MILLIS = 5;

    /** Exit code when the engine stopped the node by itself, so a supervisor can start a new process. */
    static final int ENGINE_STOPPED = 3;

    private final SwimNode node;
    private final @Nullable ControlServer control;
    private final PrintStream out;
    private final MemberJson json;
    private final Duration leaveTimeout;
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile int exitCode;

    private NodeRunner(
            SwimNode node, @Nullable ControlServer control, PrintStream out, MemberJson json, Duration leaveTimeout) {
        this.node = node;
        this.control = control;
        this.out = out;
        this.json = json;
        this.leaveTimeout = leaveTimeout;
    }

    /**
     * Builds the node from the options and starts it; returns once it is bound and joining.
     *
     * @throws IllegalArgumentException for options that name something wrong (the CLI prints it as one line)
     */
    static NodeRunner start(RunCommand o, PrintStream out) throws IOException {
        SwimNode node = build(o);
        MemberJson json = new MemberJson(MemberJson.Clock.SYSTEM);
        node.addListener(event -> print(out, json.event(event, node.roleState())));
        node.start();
        ControlServer control;
        try {
            control = o.controlPort >= 0 ? ControlServer.start(o.controlPort, node, json) : null;
        } catch (IOException e) {
            node.halt();
            throw new IllegalArgumentException(
                    "--control-port " + o.controlPort + " cannot be bound on 127.0.0.1: " + e.getMessage(), e);
        }
        NodeRunner runner = new NodeRunner(node, control, out, json, o.leaveTimeout());
        Map<String, Object> started = lifecycle("NodeStarted");
        started.putAll(json.member(node.localMember()));
        started.put("controlPort", control == null ? -1 : control.port());
        started.put("encryptionMode", node.encryptionMode().name());
        print(out, started);
        node.join().whenComplete((ok, error) -> {
            Map<String, Object> line = lifecycle(error == null ? "Joined" : "JoinFailed");
            if (error != null) {
                Throwable cause = error.getCause() != null ? error.getCause() : error;
                line.put("error", String.valueOf(cause.getMessage()));
            }
            print(out, line);
        });
        runner.watchForEngineStop();
        if (o.roleSettings().enabled()) {
            runner.watchRoleState();
        }
        return runner;
    }

    static SwimNode build(RunCommand o) {
        if (!o.seeds.isEmpty() && o.seedDns != null) {
            throw new IllegalArgumentException("--seed and --seed-dns cannot be used together");
        }
        if (o.controlPort < -1 || o.controlPort > 65_535) {
            throw new IllegalArgumentException("--control-port must be 0..65535 or -1, got " + o.controlPort);
        }
        SeedProvider seeds = SeedProvider.none();
        if (!o.seeds.isEmpty()) {
            seeds = StaticSeedProvider.parse(o.seeds, o.port);
        } else if (o.seedDns != null) {
            seeds = new DnsSeedProvider(o.seedDns, o.port);
        }
        List<byte[]> keys = o.keyFile == null ? List.of() : KeyFile.read(o.keyFile);
        EncryptionMode mode =
                o.encryption != null ? o.encryption : keys.isEmpty() ? EncryptionMode.NONE : EncryptionMode.REQUIRED;
        SwimNode.Builder b = SwimNode.builder()
                .name(o.name)
                .clusterName(o.cluster)
                .bindHost(o.bindHost)
                .bindPort(o.port)
                .advertiseHost(o.advertiseHost)
                .advertisePort(o.advertisePort)
                .settings(o.swimSettings())
                .roles(o.roleSettings())
                .metadata(o.metadata)
                .seeds(seeds)
                .keys(keys)
                .encryptionMode(mode)
                .joinTimeout(o.joinTimeout())
                .leaveTimeout(o.leaveTimeout());
        return b.build();
    }

    SwimNode node() {
        return node;
    }

    int controlPort() {
        return control == null ? -1 : control.port();
    }

    /** Leaves gracefully (bounded by the leave timeout plus a second), prints NodeStopped. Idempotent. */
    void stopGracefully() {
        if (!stopping.compareAndSet(false, true)) {
            awaitStoppedQuietly();
            return;
        }
        boolean graceful = true;
        try {
            node.leave(leaveTimeout).get(leaveTimeout.toMillis() + 1_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            graceful = false;
        } catch (ExecutionException | TimeoutException e) {
            graceful = false;
        } finally {
            node.halt();
            finish(graceful ? "left" : "leave-timed-out");
        }
    }

    /** Blocks until the node stopped (SIGTERM, or the engine stopped it); returns the exit code. */
    int awaitStopped() throws InterruptedException {
        stopped.await();
        return exitCode;
    }

    private void awaitStoppedQuietly() {
        try {
            stopped.await(leaveTimeout.toMillis() + 2_000, TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /**
     * The engine may stop the node by itself (declared dead with {@code rejoinPolicy=STOP}): then
     * the process ends too, after printing the LocalMemberDeclaredDead line and NodeStopped.
     */
    private void watchForEngineStop() {
        Thread watcher = new Thread(
                () -> {
                    try {
                        while (stopped.getCount() > 0) {
                            if (!node.isRunning() && stopping.compareAndSet(false, true)) {
                                node.halt();
                                exitCode = ENGINE_STOPPED;
                                finish("engine-stopped");
                                return;
                            }
                            Thread.sleep(WATCH_MILLIS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "swim-node-watch");
        watcher.setDaemon(true);
        watcher.start();
    }

    /**
     * Prints a {@code RoleState} line whenever the node's role state changes: a new primary, a new
     * token, and every renewal of this node's own lease (about four per step-down-after), with
     * the lease's end as wall time. So a log read after a fault shows when each primary's last
     * lease ran out, and a paused process's last line is its lease before the pause. Polled
     * (the state is a lock-free read): a renewal in the last poll interval before a pause may be
     * missing, which makes that lease look up to one renewal shorter than it was.
     */
    private void watchRoleState() {
        Thread watcher = new Thread(
                () -> {
                    RoleState last = null;
                    try {
                        while (stopped.getCount() > 0) {
                            RoleState now = node.roleState();
                            if (!now.equals(last)) {
                                last = now;
                                Map<String, Object> line = lifecycle("RoleState");
                                line.putAll(json.role(now));
                                print(out, line);
                            }
                            Thread.sleep(ROLE_POLL_MILLIS);
                        }
                    } catch (InterruptedException e) {
                        Thread.currentThread().interrupt();
                    }
                },
                "swim-node-role");
        watcher.setDaemon(true);
        watcher.start();
    }

    private void finish(String reason) {
        if (control != null) {
            control.close();
        }
        Map<String, Object> line = lifecycle("NodeStopped");
        line.put("reason", reason);
        Member last = lastLocal();
        if (last != null) {
            line.putAll(json.member(last));
        }
        print(out, line);
        stopped.countDown();
    }

    private @Nullable Member lastLocal() {
        try {
            return node.localMember();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static Map<String, Object> lifecycle(String event) {
        Map<String, Object> line = new LinkedHashMap<>();
        line.put("ts", java.time.Instant.now().toString());
        line.put("event", event);
        return line;
    }

    private static void print(PrintStream out, Map<String, Object> line) {
        String text = Json.write(line);
        synchronized (out) {
            out.println(text);
            out.flush();
        }
    }
}
