package io.swimdiscovery.core.protocol;

import io.swimdiscovery.core.security.EncryptionMode;
import io.swimdiscovery.core.security.Keyring;
import io.swimdiscovery.core.wire.DecodeResult;
import io.swimdiscovery.core.wire.PacketCodec;
import io.swimdiscovery.core.wire.WirePacketSizer;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Two engines warm-started with views that differ in a few members, and one push-pull between them
 * run to its end: every stream message goes through the real codec (encoded, decoded, counted).
 */
final class DeltaPair {

    static final long NOW = 1_000_000_000L;

    private static final PacketCodec CODEC = new PacketCodec("delta", Keyring.empty(), EncryptionMode.NONE, 1400);

    final MemberId aId;
    final MemberId bId;
    final SwimInstance a;
    final SwimInstance b;
    /** Every message of the exchange, in order. */
    final List<Message> messages = new ArrayList<>();

    long bytes;

    /** Members named m0..m{n-1}; m0 is a, m1 is b; each side's view is {@code base} with its own overrides. */
    DeltaPair(int n, Map<Integer, Gossip> onlyAtA, Map<Integer, Gossip> onlyAtB) {
        List<MemberId> ids = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            ids.add(id(i));
        }
        aId = ids.get(0);
        bId = ids.get(1);
        a = engine(aId, ids, onlyAtA);
        b = engine(bId, ids, onlyAtB);
    }

    static MemberId id(int i) {
        return new MemberId("m" + i, new Address("10.2." + (i >> 8) + "." + (i & 255), 7946), 1000L + i);
    }

    static Map<String, String> metadata(int i) {
        return Map.of("swim.service-id", "orders", "zone", "zone-" + (i % 3), "version", "1.4." + (i % 7));
    }

    private static SwimInstance engine(MemberId self, List<MemberId> ids, Map<Integer, Gossip> overrides) {
        int selfIndex = ids.indexOf(self);
        SwimInstance e = new SwimInstance(
                SwimSettings.lan(),
                self,
                metadata(selfIndex),
                new SplittableRandom(selfIndex),
                new WirePacketSizer("delta"),
                0);
        e.start(0);
        List<Gossip> view = new ArrayList<>();
        for (int i = 0; i < ids.size(); i++) {
            if (i != selfIndex) {
                Gossip g = overrides.get(i);
                view.add(g != null ? g : new Gossip(ids.get(i), MemberStatus.ALIVE, 0, metadata(i), null));
            }
        }
        e.preload(view, 0);
        return e;
    }

    /** {@code g} told to {@code e} by its subject itself (a warm start holds no tombstones). */
    static void ownWord(SwimInstance e, Gossip g) {
        e.onMessage(g.member().address(), new Message.GossipPush(g.member(), List.of(g)), NOW);
    }

    /** a's plain digest to b, and every stream answer between them until the exchange ends (bounded). */
    DeltaPair pushPull() {
        Deque<Message> toB = new ArrayDeque<>();
        Deque<Message> toA = new ArrayDeque<>();
        toB.add(new Message.SyncDigest(aId, a.viewDigest()));
        for (int step = 0; step < 1000 && !(toA.isEmpty() && toB.isEmpty()); step++) {
            boolean forB = !toB.isEmpty();
            Message m = roundTrip(forB ? toB.poll() : toA.poll());
            SwimInstance to = forB ? b : a;
            MemberId from = forB ? aId : bId;
            MemberId other = forB ? aId : bId;
            for (Directive d : to.onMessage(from.address(), m, NOW)) {
                if (d instanceof Directive.SendReliable r && r.to().equals(other.address())) {
                    (forB ? toA : toB).add(r.message());
                }
            }
        }
        return this;
    }

    private Message roundTrip(Message m) {
        byte[] frame = CODEC.encodeStream(m);
        bytes += frame.length;
        DecodeResult result = CODEC.decodeStream(frame, 4, frame.length - 4);
        if (!(result instanceof DecodeResult.Decoded decoded)) {
            throw new AssertionError("the codec refused " + m + ": " + result);
        }
        messages.add(decoded.messages().get(0));
        return decoded.messages().get(0);
    }

    /** Bytes of the full state {@code e} sends a peer that asks for it (today's answer to a differing digest). */
    static long fullStateBytes(SwimInstance e, MemberId asker) {
        long total = 0;
        for (Directive d : e.onMessage(asker.address(), new Message.Sync(asker, false, false, List.of()), NOW)) {
            if (d instanceof Directive.SendReliable r) {
                total += CODEC.encodeStream(r.message()).length;
            }
        }
        return total;
    }

    /** Members carried by the exchange's Syncs. */
    int membersSent() {
        int count = 0;
        for (Message m : messages) {
            if (m instanceof Message.Sync s) {
                count += s.gossip().size();
            }
        }
        return count;
    }

    /** Non-terminal members of {@code e}'s view (itself included), by name: status and incarnation. */
    static Map<String, String> liveView(SwimInstance e) {
        Map<String, String> view = new HashMap<>();
        for (Member m : e.members()) {
            if (!m.status().isTerminal()) {
                view.put(m.id().name(), m.id().uid() + "/" + m.status() + "/" + m.incarnation());
            }
        }
        return view;
    }
}
