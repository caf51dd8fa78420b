package io.swimdiscovery.benchmarks.sim;

import io.swimdiscovery.benchmarks.JsonLine;
import io.swimdiscovery.core.protocol.ProtocolCounters;
import io.swimdiscovery.core.protocol.SwimInstance;
import io.swimdiscovery.core.sim.Simulation;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The engines' accuracy counters summed over the up nodes ({@code e_*} fields): what a false
 * death at scale came from (suspicions raised, refutations, deaths declared, gossip dropped at
 * the queue's bounds) and how much news is waiting (the gossip queues' mean and largest depth:
 * a queue that grows under loss means news comes faster than packets can carry it).
 */
final class EngineTotals {

    private EngineTotals() {}

    static JsonLine put(Simulation sim, JsonLine line) {
        long suspicions = 0;
        long refutations = 0;
        long declaredDead = 0;
        long rejoins = 0;
        Map<String, Long> dropped = new TreeMap<>();
        long queued = 0;
        int deepest = 0;
        List<Integer> up = sim.upNodes();
        for (int i : up) {
            SwimInstance node = sim.swimInstance(i);
            int depth = node.gossipQueueDepth();
            queued += depth;
            deepest = Math.max(deepest, depth);
            ProtocolCounters c = node.counters();
            suspicions += c.suspicionsRaised();
            refutations += c.refutations();
            declaredDead += c.membersDeclaredDead();
            rejoins += c.rejoins();
            c.gossipDropped().forEach((k, v) -> dropped.merge(k, v, Long::sum));
        }
        line.put("e_suspicions_raised", suspicions)
                .put("e_refutations", refutations)
                .put("e_members_declared_dead", declaredDead)
                .put("e_rejoins", rejoins)
                .put("e_gossip_queue_mean", up.isEmpty() ? 0.0 : (double) queued / up.size())
                .put("e_gossip_queue_max", deepest);
        dropped.forEach((k, v) -> line.put("e_gossip_dropped_" + k, v));
        return line;
    }
}
