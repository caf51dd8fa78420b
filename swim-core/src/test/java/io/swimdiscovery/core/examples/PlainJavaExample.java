package io.swimdiscovery.core.examples;

import io.swimdiscovery.core.node.SwimNode;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.seed.SeedProvider;
import java.io.PrintStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * The plain-Java example of docs/java-api.md and the README, compiled and run by the build
 * ({@code PlainJavaExampleTests}), which also checks that the docs still show this code.
 * Two nodes on this host, with no settings but names and ports.
 */
public final class PlainJavaExample {

    private PlainJavaExample() {}

    public static void main(String[] args) throws Exception {
        run(System.out);
    }

    /** Runs the example; returns the events the first node saw, in order. */
    static List<MembershipEvent> run(PrintStream out) throws Exception {
        List<MembershipEvent> seen = new ArrayList<>();
        // tag::example[]
        // The first node starts the cluster (no seeds). Port 0 picks a free port; the default
        // bind address 127.0.0.1 lets every node on this host reach it.
        try (SwimNode first = SwimNode.builder().name("orders-1").bindPort(0).build()) {
            first.start();
            first.join().get(10, TimeUnit.SECONDS); // no seeds: completes at once

            // Listeners run on the node's listener thread, in the order the engine decided.
            BlockingQueue<MembershipEvent> events = new LinkedBlockingQueue<>();
            first.addListener(events::add);

            // A second node joins through the first.
            try (SwimNode second = SwimNode.builder()
                    .name("orders-2")
                    .bindPort(0)
                    .metadata(Map.of("zone", "eu-1a"))
                    .seeds(SeedProvider.of(List.of(first.localMember().address())))
                    .build()) {
                second.start();
                second.join().get(10, TimeUnit.SECONDS);

                MembershipEvent joined = events.poll(10, TimeUnit.SECONDS);
                seen.add(joined);
                out.println("orders-1 saw " + joined);

                // The members traffic may go to: alive or suspect, this node included. A cheap,
                // immutable snapshot: call it as often as you route.
                for (Member m : first.routableMembers()) {
                    Instant since = SwimNode.toInstant(m.statusChangedAtNanos());
                    out.println(m.name() + " at " + m.address() + " " + m.status() + " since " + since + " "
                            + m.metadata());
                }
            } // close() leaves gracefully: peers see MemberLeft at once, not a failure

            MembershipEvent left = events.poll(10, TimeUnit.SECONDS);
            seen.add(left);
            out.println("orders-1 saw " + left);
        }
        // end::example[]
        return seen;
    }
}
