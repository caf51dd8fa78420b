package io.swimdiscovery.core.sim;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Directive;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.Member;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.MembershipEvent;
import io.swimdiscovery.core.protocol.Message;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The baseline SWIM is measured against: an all-to-all heartbeat failure detector (the classic
 * one, as in JGroups' FD_ALL). Every protocol period each member sends a heartbeat to every other
 * member it knows, and declares a member dead once it has heard nothing from it for {@code limit}
 * periods. It detects in about {@code limit} periods whatever n is, but sends n·(n-1) messages per
 * period, and a live member is falsely declared dead when {@code limit} of its heartbeats in a row
 * are lost on one link.
 *
 * <p>It runs in the same simulator and speaks the same messages: a heartbeat is a
 * {@link Message.GossipPush} with no news (or, after a metadata change or a leave, news about the
 * sender itself), and a joining member exchanges a {@link Message.Sync} with its seeds to learn
 * who is there. It publishes the same {@link MembershipEvent}s, so every trace measurement
 * applies to both.
 */
public final class HeartbeatDetector implements SimulatedProtocol {

    /** One known member: when it was last heard and what we believe of it. */
    private static final class Peer {
        MemberId id;
        MemberStatus status = MemberStatus.ALIVE;
        long incarnation;
        Map<String, String> metadata;
        long lastHeardNanos;
        long changedAtNanos;
        int liveIndex = -1;

        Peer(MemberId id, long incarnation, Map<String, String> metadata, long nowNanos) {
            this.id = id;
            this.incarnation = incarnation;
            this.metadata = metadata;
            this.lastHeardNanos = nowNanos;
            this.changedAtNanos = nowNanos;
        }

        Member snapshot() {
            return new Member(id, status, incarnation, metadata, changedAtNanos);
        }
    }

    private final long periodNanos;
    private final int limit;
    private final MemberId self;
    private final long startedAtNanos;
    private Map<String, String> metadata;
    private long incarnation;
    private MemberStatus selfStatus = MemberStatus.ALIVE;
    private final Map<String, Peer> peers = new HashMap<>();
    /** Members believed alive, in the order first learnt, each knowing its index for O(1) removal. */
    private final ArrayList<Peer> live = new ArrayList<>();

    private long nextBeatNanos;
    /** Heartbeats still to carry news about this member (after a metadata change). */
    private int beatsWithNews;

    private boolean leaveSent;

    private HeartbeatDetector(long periodNanos, int limit, MemberId self, Map<String, String> metadata, long nowNanos) {
        this.periodNanos = periodNanos;
        this.limit = limit;
        this.self = self;
        this.metadata = Map.copyOf(metadata);
        this.startedAtNanos = nowNanos;
    }

    /**
     * Runs the baseline on every node with the settings' protocol period as heartbeat interval.
     *
     * @param limit missed heartbeat periods after which a member is declared dead, at least 1
     */
    public static ProtocolFactory factory(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be >= 1, was " + limit);
        }
        return (settings, self, metadata, random, sizer, now) ->
                new HeartbeatDetector(settings.protocolPeriod().toNanos(), limit, self, metadata, now);
    }

    @Override
    public List<Directive> start(long nowNanos) {
        nextBeatNanos = nowNanos + periodNanos;
        return List.of(new Directive.ScheduleTick(nextBeatNanos));
    }

    @Override
    public List<Directive> join(Collection<Address> seeds, long nowNanos) {
        List<Directive> out = new ArrayList<>(seeds.size());
        Message sync = new Message.Sync(self, false, true, List.of(selfGossip()));
        for (Address seed : seeds) {
            out.add(new Directive.SendReliable(seed, sync));
        }
        return out;
    }

    @Override
    public List<Directive> onMessage(Message message, long nowNanos) {
        MemberId sender = Message.senderOf(message);
        if (leaveSent || sender == null || sender.uid() == self.uid()) {
            return List.of(); // the baseline sends only pushes and syncs, which name their sender
        }
        List<Directive> out = new ArrayList<>(2);
        heard(sender, nowNanos, out);
        for (Gossip g : message.gossip()) {
            if (g.member().name().equals(self.name())) {
                continue;
            }
            if (g.member().equals(sender)) {
                newsFromSender(g, nowNanos, out);
            } else if (message instanceof Message.Sync && g.status() == MemberStatus.ALIVE) {
                learn(g, nowNanos, out);
            }
        }
        if (message instanceof Message.Sync s && !s.reply()) {
            out.add(new Directive.SendReliable(sender.address(), new Message.Sync(self, true, false, fullState())));
        }
        return out;
    }

    @Override
    public List<Directive> preload(Collection<Gossip> view, long nowNanos) {
        for (Gossip g : view) {
            if (!g.member().name().equals(self.name())
                    && g.status() == MemberStatus.ALIVE
                    && !peers.containsKey(g.member().name())) {
                Peer p = new Peer(g.member(), g.incarnation(), g.metadata(), nowNanos);
                peers.put(g.member().name(), p);
                addLive(p);
            }
        }
        return List.of();
    }

    @Override
    public List<Directive> onTick(long nowNanos) {
        if (leaveSent) {
            return List.of();
        }
        List<Directive> out = new ArrayList<>(live.size() + 2);
        if (nowNanos >= nextBeatNanos) {
            List<Gossip> news = beatsWithNews > 0 ? List.of(selfGossip()) : List.of();
            beatsWithNews = Math.max(0, beatsWithNews - 1);
            Message beat = new Message.GossipPush(self, news);
            for (int i = 0, n = live.size(); i < n; i++) {
                out.add(new Directive.Send(live.get(i).id.address(), beat));
            }
            // After a long pause, beat again one period from now rather than catching up in a burst.
            nextBeatNanos = Math.max(nextBeatNanos + periodNanos, nowNanos + periodNanos / 2);
            long deadline = nowNanos - (long) limit * periodNanos;
            for (int i = live.size() - 1; i >= 0; i--) {
                Peer p = live.get(i);
                if (p.lastHeardNanos < deadline) {
                    removeLive(p);
                    p.status = MemberStatus.DEAD;
                    p.changedAtNanos = nowNanos;
                    out.add(new Directive.Publish(new MembershipEvent.MemberFailed(p.snapshot())));
                }
            }
        }
        out.add(new Directive.ScheduleTick(nextBeatNanos));
        return out;
    }

    @Override
    public List<Directive> onReliableSendFailed(Address to, Message message, long nowNanos) {
        // A seed that did not answer: the first heartbeat from anyone who knows us will teach us later.
        return List.of();
    }

    @Override
    public List<Directive> leave(long nowNanos) {
        selfStatus = MemberStatus.LEFT;
        Message bye = new Message.GossipPush(self, List.of(selfGossip()));
        List<Directive> out = new ArrayList<>(live.size());
        for (Peer p : live) {
            out.add(new Directive.Send(p.id.address(), bye));
        }
        leaveSent = true;
        return out;
    }

    @Override
    public boolean hasLeaveDisseminated() {
        return leaveSent;
    }

    @Override
    public List<Directive> updateMetadata(Map<String, String> newMetadata, long nowNanos) {
        metadata = Map.copyOf(newMetadata);
        incarnation++;
        beatsWithNews = limit;
        return List.of();
    }

    @Override
    public Member localMember() {
        return new Member(self, selfStatus, incarnation, metadata, startedAtNanos);
    }

    @Override
    public List<Member> members() {
        List<Member> all = new ArrayList<>(peers.size() + 1);
        all.add(localMember());
        for (Peer p : peers.values()) {
            all.add(p.snapshot());
        }
        return all;
    }

    private void heard(MemberId sender, long nowNanos, List<Directive> out) {
        Peer p = peers.get(sender.name());
        if (p != null && p.id.uid() > sender.uid()) {
            return;
        }
        if (p == null || p.id.uid() < sender.uid()) {
            if (p != null) {
                removeLive(p);
            }
            p = new Peer(sender, 0, Map.of(), nowNanos);
            peers.put(sender.name(), p);
            addLive(p);
            out.add(new Directive.Publish(new MembershipEvent.MemberJoined(p.snapshot())));
        } else if (p.status == MemberStatus.DEAD) {
            // Heard again after we gave up on it: it comes back, as in FD_ALL.
            p.status = MemberStatus.ALIVE;
            p.changedAtNanos = nowNanos;
            addLive(p);
            out.add(new Directive.Publish(new MembershipEvent.MemberJoined(p.snapshot())));
        }
        if (p.status != MemberStatus.LEFT) {
            p.lastHeardNanos = nowNanos;
        }
    }

    private void newsFromSender(Gossip g, long nowNanos, List<Directive> out) {
        Peer p = peers.get(g.member().name());
        if (p == null || p.id.uid() != g.member().uid() || p.status == MemberStatus.LEFT) {
            return;
        }
        if (g.status() == MemberStatus.LEFT) {
            removeLive(p);
            p.status = MemberStatus.LEFT;
            p.changedAtNanos = nowNanos;
            out.add(new Directive.Publish(new MembershipEvent.MemberLeft(p.snapshot())));
        } else if (g.incarnation() > p.incarnation || !g.metadata().equals(p.metadata)) {
            Member previous = p.snapshot();
            boolean first = p.incarnation == 0 && p.metadata.isEmpty() && g.incarnation() == 0;
            p.incarnation = Math.max(p.incarnation, g.incarnation());
            p.metadata = g.metadata();
            if (!first) {
                out.add(new Directive.Publish(new MembershipEvent.MemberUpdated(p.snapshot(), previous)));
            }
        }
    }

    private void learn(Gossip g, long nowNanos, List<Directive> out) {
        Peer p = peers.get(g.member().name());
        if (p != null && p.id.uid() >= g.member().uid()) {
            return;
        }
        if (p != null) {
            removeLive(p);
        }
        p = new Peer(g.member(), g.incarnation(), g.metadata(), nowNanos);
        peers.put(g.member().name(), p);
        addLive(p);
        out.add(new Directive.Publish(new MembershipEvent.MemberJoined(p.snapshot())));
    }

    private List<Gossip> fullState() {
        List<Gossip> state = new ArrayList<>(live.size() + 1);
        state.add(selfGossip());
        for (Peer p : live) {
            state.add(new Gossip(p.id, MemberStatus.ALIVE, p.incarnation, p.metadata, null));
        }
        return state;
    }

    private Gossip selfGossip() {
        return new Gossip(self, selfStatus, incarnation, metadata, null);
    }

    private void addLive(Peer p) {
        if (p.liveIndex < 0) {
            p.liveIndex = live.size();
            live.add(p);
        }
    }

    private void removeLive(Peer p) {
        int i = p.liveIndex;
        if (i < 0) {
            return;
        }
        Peer last = live.remove(live.size() - 1);
        if (last != p) {
            live.set(i, last);
            last.liveIndex = i;
        }
        p.liveIndex = -1;
    }
}
