package io.swimdiscovery.core.protocol;

import java.util.Locale;

/**
 * Why news this node believed was not (or no longer) queued for gossip: the gossip queue's bounds
 * (see {@link SwimSettings#maxGossipQueue()}). Every value is counted (see {@link
 * ProtocolCounters#gossipDropped()}). What is dropped still reaches the other members through
 * their periodic full syncs.
 */
public enum GossipDrop {
    /** The queue was full: its most-sent, oldest item of the fuller kind made room for new news. */
    QUEUE_FULL,
    /**
     * A full state merged from one sync brought more changes than one sync may queue (a sixteenth
     * of the queue): a joiner does not re-gossip the whole view it just received.
     */
    SYNC_REGOSSIP_CAPPED;

    /** The name used in metrics: lower case, words joined by '-'. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
