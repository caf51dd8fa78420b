package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.MemberId;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.SplittableRandom;
import org.jspecify.annotations.Nullable;

/** Mutable state of one simulated node slot: its current process, faults applied to it, and its counters. */
final class SimNode {

    static final int NOT_STARTED = 0;
    static final int UP = 1;
    static final int PAUSED = 2;
    static final int LEAVING = 3;
    static final int LEFT = 4;
    /** The host is gone (or cut off): nothing answers at the address. */
    static final int CRASHED = 5;
    /** The process is gone but its host is up: streams to the address are refused. */
    static final int KILLED = 6;

    final int index;
    final String name;
    final Address address;
    /** Draws for loss and latency of what this node sends; one stream per slot, across restarts. */
    final SplittableRandom networkRandom;

    int state = NOT_STARTED;
    int generation = -1;

    @Nullable
    MemberId id;

    @Nullable
    SimulatedProtocol protocol;

    Map<String, String> metadata;
    int lifetimeIndex = -1;

    /** Bumped whenever pending ticks become stale: a newer ScheduleTick, a crash, a restart. */
    int tickToken;

    long tickAtNanos = Long.MAX_VALUE;
    /** A tick came due while paused; run it when the pause ends. */
    boolean tickDeferred;

    int pauseToken;
    /** Inputs that arrived while paused, in order: a message or a reliable-send failure. */
    final ArrayDeque<Object> backlog = new ArrayDeque<>();

    long slowNanos;

    /** This node's clock against virtual time (drift): local = offset + rate x virtual. */
    double clockRate = 1.0;

    long clockOffsetNanos;

    long packetsSent;
    long bytesSent;
    long packetsReceived;
    long bytesReceived;
    long packetsDropped;

    SimNode(int index, String name, Address address, SplittableRandom networkRandom, Map<String, String> metadata) {
        this.index = index;
        this.name = name;
        this.address = address;
        this.networkRandom = networkRandom;
        this.metadata = metadata;
    }

    /** Whether the process exists (started and neither crashed, killed nor left); a paused process is up. */
    boolean isUp() {
        return state == UP || state == PAUSED || state == LEAVING;
    }

    /** Whether it handles inputs right now. */
    boolean isProcessing() {
        return state == UP || state == LEAVING;
    }

    NodeTraffic traffic() {
        return new NodeTraffic(packetsSent, bytesSent, packetsReceived, bytesReceived, packetsDropped);
    }

    /** Changes the clock's rate from virtual time {@code atNanos} on, without a jump. */
    void setClockRate(double rate, long atNanos) {
        long shown = localTime(atNanos);
        clockRate = rate;
        clockOffsetNanos = shown - (rate == 1.0 ? atNanos : (long) Math.floor(atNanos * rate));
    }

    /** The time this node's own clock shows at virtual time {@code virtualNanos}. */
    long localTime(long virtualNanos) {
        if (clockRate == 1.0) {
            return virtualNanos + clockOffsetNanos;
        }
        return clockOffsetNanos + (long) Math.floor(virtualNanos * clockRate);
    }

    /** The first virtual time at which this node's clock shows {@code localNanos}. */
    long virtualTime(long localNanos) {
        if (clockRate == 1.0) {
            return localNanos - clockOffsetNanos;
        }
        double v = Math.ceil((localNanos - clockOffsetNanos) / clockRate);
        if (v >= Long.MAX_VALUE) {
            return Long.MAX_VALUE;
        }
        long virtual = (long) v;
        while (localTime(virtual) < localNanos) {
            virtual++; // rounding: never wake a node before its own clock reaches the deadline
        }
        return virtual;
    }
}
