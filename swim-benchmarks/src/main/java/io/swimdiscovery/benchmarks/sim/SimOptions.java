package io.swimdiscovery.benchmarks.sim;

import io.swimdiscovery.benchmarks.CliArgs;
import io.swimdiscovery.core.protocol.PacketSizer;
import io.swimdiscovery.core.protocol.SwimSettings;
import io.swimdiscovery.core.wire.WirePacketSizer;
import java.util.Set;

/** Validated options of the {@code sim} command. */
record SimOptions(
        String scenario,
        String impl,
        int nodes,
        int runs,
        long seed,
        double loss,
        int durationS,
        int warmupS,
        int steadyS,
        boolean lifeguard,
        int indirectProbes,
        int heartbeatLimit,
        int slowMs,
        String preformed,
        String sizer,
        String settingsName,
        int pauseMs,
        int seeds,
        int joinWindowS,
        String metadataName,
        int afterS,
        int steadyBytes,
        int gossipFanout) {

    static final Set<String> KNOWN = Set.of(
            "scenario",
            "impl",
            "nodes",
            "runs",
            "seed",
            "loss",
            "duration-s",
            "warmup-s",
            "steady-s",
            "lifeguard",
            "k",
            "hb-limit",
            "slow-ms",
            "preformed",
            "sizer",
            "settings",
            "pause-ms",
            "seeds",
            "join-window-s",
            "metadata",
            "after-s",
            "steady-bytes",
            "gossip-fanout");
    static final Set<String> SCENARIOS = Set.of(
            "crash", "kill", "pause", "sync", "loss", "join", "leave", "partition", "slow", "formation", "proof");

    static SimOptions from(CliArgs a) {
        a.rejectUnknown(KNOWN);
        String scenario = a.oneOf("scenario", "crash", SCENARIOS);
        int defaultDuration =
                switch (scenario) {
                    case "loss", "slow", "proof" -> 600;
                    case "formation" -> 300;
                    case "partition" -> 120;
                    case "pause" -> 30;
                    case "sync" -> 300;
                    default -> 120;
                };
        return new SimOptions(
                scenario,
                a.oneOf("impl", "swim", Set.of("swim", "heartbeat")),
                a.intValue("nodes", 100, 2, 1_000_000),
                a.intValue("runs", 1, 1, 100_000),
                a.longValue("seed", 1),
                a.doubleValue("loss", 0, 0, 1),
                a.intValue("duration-s", defaultDuration, 1, 10_000_000),
                a.intValue("warmup-s", 30, 0, 1_000_000),
                a.intValue("steady-s", 30, 1, 1_000_000),
                a.onOff("lifeguard", true),
                a.intValue("k", SwimSettings.lan().indirectProbes(), 0, 64),
                a.intValue("hb-limit", 3, 1, 1000),
                a.intValue("slow-ms", 1200, 1, 3_600_000),
                a.oneOf("preformed", "auto", Set.of("auto", "on", "off")),
                a.oneOf("sizer", "wire", Set.of("wire", "estimate")),
                a.oneOf("settings", "lan", Set.of("lan", "memberlist")),
                a.intValue("pause-ms", 3000, 1, 3_600_000),
                a.intValue("seeds", 1, 1, 64),
                a.intValue("join-window-s", 1, 0, 3600),
                a.oneOf("metadata", "none", Set.of("none", "spring")),
                a.intValue("after-s", 30, 1, 3600),
                a.intValue("steady-bytes", 300, 1, 10_000_000),
                a.intValue("gossip-fanout", -1, -1, 64));
    }

    /**
     * Sizes of messages on the wire: the codec's exact sizes (plaintext, cluster name "sim") by
     * default, or the engine's own over-estimate.
     */
    PacketSizer packetSizer() {
        return sizer.equals("wire") ? new WirePacketSizer("sim") : PacketSizer.ESTIMATE;
    }

    /**
     * The engine settings: {@code lan} is {@link SwimSettings#lan()}; {@code memberlist} is
     * {@link SwimSettings#memberlist()}, hashicorp/memberlist's {@code DefaultLANConfig} values (1 s
     * period, 500 ms probe timeout, suspicion multiplier 4, max-timeout multiplier 6, 2
     * confirmations, gossip every 200 ms to 3, push-pull 30 s), with neither of engine v2's two
     * additions memberlist lacks: no pause floor and no shortcut on evidence that the process is
     * gone. {@code --k}, {@code --lifeguard} and {@code --gossip-fanout} (if given) apply to both:
     * fewer gossip pushes per interval is how a small simulation shows what a large one does when
     * news comes faster than packets can carry it.
     */
    SwimSettings settings() {
        SwimSettings.Builder b = settingsName.equals("memberlist")
                ? SwimSettings.memberlist().toBuilder()
                : SwimSettings.lan().toBuilder();
        b.lifeguardEnabled(lifeguard).indirectProbes(indirectProbes);
        if (gossipFanout >= 0) {
            b.gossipFanout(gossipFanout);
        }
        return b.build();
    }

    /** Large clusters start formed: joining n nodes one by one costs O(n²) gossip that is not what is measured. */
    boolean isPreformed() {
        return preformed.equals("on") || (preformed.equals("auto") && nodes > 2000);
    }
}
