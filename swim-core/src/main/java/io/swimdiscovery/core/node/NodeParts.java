package io.swimdiscovery.core.node;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * The parts one {@link SwimNode} is made of, built from its config in the order they depend on
 * each other (the loop and codec first, the lifecycle that drives them all last). Apart from
 * {@code SwimNode} so that class holds its public API and nothing else: each of its methods is a
 * call into one of these parts.
 */
final class NodeParts {

    // Numbers nodes built without a name, for their thread names and logs.
    private static final AtomicInteger NODE_COUNTER = new AtomicInteger();

    final NodeConfig config;
    final NodeState state = new NodeState();
    final EventLoop loop;
    final WireNodeCodec codec;
    final TrafficCounters traffic = new TrafficCounters();
    final MembershipView view;
    final ListenerDelivery listeners;
    final DirectiveRunner runner;
    final SeedJoiner joiner;
    final NodeLifecycle lifecycle;

    NodeParts(NodeConfig config) {
        this.config = config;
        String label = config.label(NODE_COUNTER.incrementAndGet());
        SwimResources shared = config.sharedResources();
        this.loop = shared == null ? EventLoop.dedicated(label) : EventLoop.shared(shared);
        this.codec = WireNodeCodec.create(config);
        this.view = new MembershipView(config.settings().protocolPeriod().toNanos());
        ListenerExecutorChoice listenerThreads = ListenerExecutorChoice.of(config, shared, label);
        this.listeners = new ListenerDelivery(listenerThreads.executor(), traffic, config.maxPendingListenerEvents());
        this.runner = new DirectiveRunner(state, loop, codec, traffic, view, listeners, config, this::afterBatch);
        this.joiner = new SeedJoiner(state, loop, runner, config, label);
        this.lifecycle = new NodeLifecycle(
                config, label, state, loop, codec, traffic, view, runner, joiner, listenerThreads.owned());
    }

    /** On the loop after every batch of directives: join futures complete here. */
    private void afterBatch() {
        joiner.afterBatch();
    }
}
