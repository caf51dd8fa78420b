package io.swimdiscovery.core.protocol;

/**
 * What the engine asks its runtime to do, returned in execution order by every input of
 * {@link SwimInstance}. The runtime interprets them and nothing else: it never decides protocol.
 */
public sealed interface Directive
        permits Directive.Send, Directive.SendReliable, Directive.Publish, Directive.ScheduleTick {

    /** Send {@code message} to {@code to} best-effort (a UDP datagram); loss is expected. */
    record Send(Address to, Message message) implements Directive {}

    /**
     * Send {@code message} to {@code to} over a reliable stream (TCP): full-state syncs and messages
     * larger than the datagram budget. If it cannot be delivered the runtime reports
     * {@link SwimInstance#onReliableSendFailed}.
     */
    record SendReliable(Address to, Message message) implements Directive {}

    /** Tell listeners of a membership change. Runtimes deliver these off the protocol thread. */
    record Publish(MembershipEvent event) implements Directive {}

    /**
     * Call {@link SwimInstance#onTick} at engine time {@code atNanos} (or as soon after as possible).
     * A later ScheduleTick replaces an earlier one; the engine tolerates early or extra ticks.
     */
    record ScheduleTick(long atNanos) implements Directive {}
}
