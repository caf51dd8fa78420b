package io.swimdiscovery.core.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import io.swimdiscovery.core.protocol.Message.GossipPush;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SplittableRandom;

/**
 * One engine under test and the helpers its tests share: one input, then assert the directives. No
 * network, no clock, no sleeping; time is whatever the test passes in.
 */
final class EngineFixture {

    static final long SECOND = Duration.ofSeconds(1).toNanos();
    static final long MS = Duration.ofMillis(1).toNanos();
    /** A host that is no member's: forged packets come from here. */
    static final Address FORGER = new Address("10.66.66.66", 7946);

    final SwimSettings settings;
    final MemberId me;
    final SwimInstance instance;

    EngineFixture() {
        this(SwimSettings.lan());
    }

    EngineFixture(SwimSettings settings) {
        this(settings, id("me", 1));
    }

    EngineFixture(SwimSettings settings, MemberId me) {
        this(settings, me, PacketSizer.ESTIMATE);
    }

    EngineFixture(SwimSettings settings, MemberId me, PacketSizer sizer) {
        this.settings = settings;
        this.me = me;
        this.instance = new SwimInstance(settings, me, Map.of("zone", "a"), new SplittableRandom(7), sizer, 0);
    }

    /** A member whose host is derived from its name (distinct for the few names a test uses). */
    static MemberId id(String name, long uid) {
        int h = name.hashCode();
        return new MemberId(
                name,
                new Address("10." + ((h >>> 16) & 0xff) + "." + ((h >>> 8) & 0xff) + "." + (h & 0xff), 7946),
                uid);
    }

    static Gossip alive(MemberId m, long inc) {
        return new Gossip(m, MemberStatus.ALIVE, inc, Map.of(), null);
    }

    static Gossip suspect(MemberId m, long inc, String origin) {
        return new Gossip(m, MemberStatus.SUSPECT, inc, Map.of(), origin);
    }

    static Gossip dead(MemberId m, long inc) {
        return new Gossip(m, MemberStatus.DEAD, inc, Map.of(), null);
    }

    static Gossip left(MemberId m, long inc) {
        return new Gossip(m, MemberStatus.LEFT, inc, Map.of(), null);
    }

    static <T> List<T> of(List<Directive> directives, Class<T> type) {
        return directives.stream().filter(type::isInstance).map(type::cast).toList();
    }

    static List<Message> sent(List<Directive> directives) {
        return of(directives, Directive.Send.class).stream()
                .map(Directive.Send::message)
                .toList();
    }

    static List<MembershipEvent> events(List<Directive> directives) {
        return of(directives, Directive.Publish.class).stream()
                .map(Directive.Publish::event)
                .toList();
    }

    /** Every address a directive sends to, datagram or stream. */
    /** The only datagram {@code out} sends to {@code to}, a ping (a check of a claim about it). */
    static Message.Ping pingTo(List<Directive> out, MemberId to) {
        List<Directive.Send> sends = of(out, Directive.Send.class).stream()
                .filter(s -> s.to().equals(to.address()))
                .toList();
        assertThat(sends).hasSize(1);
        return (Message.Ping) sends.get(0).message();
    }

    static List<Address> destinations(List<Directive> directives) {
        List<Address> out = new ArrayList<>();
        for (Directive d : directives) {
            if (d instanceof Directive.Send s) {
                out.add(s.to());
            } else if (d instanceof Directive.SendReliable r) {
                out.add(r.to());
            }
        }
        return out;
    }

    /** {@code sender} tells this node {@code news} in a gossip push from its own host: its own word about itself. */
    List<Directive> push(MemberId sender, long now, Gossip... news) {
        return instance.onMessage(sender.address(), new GossipPush(sender, List.of(news)), now);
    }

    /** A gossip push naming {@code sender} but sent from the forger's host. */
    List<Directive> forged(MemberId sender, long now, Gossip... news) {
        return instance.onMessage(FORGER, new GossipPush(sender, List.of(news)), now);
    }

    /**
     * Advances {@code instance} from {@code from} to {@code to} the way a node's runtime does: a tick
     * at every time the engine asks for (never before {@code from}), then one at {@code to}. A test
     * that jumped straight to {@code to} would make the engine see a late wake (docs/protocol.md,
     * "A late wake"), which no runtime that keeps up produces.
     */
    static List<Directive> tickOnTime(SwimInstance instance, long from, long to) {
        List<Directive> out = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            long next = Math.max(from, instance.requestedTickAt());
            if (next >= to) {
                break;
            }
            out.addAll(instance.onTick(next));
        }
        out.addAll(instance.onTick(to));
        return out;
    }

    /** Starts the engine and has each member announce itself (alive at incarnation 0), in its own word. */
    List<Directive> learn(MemberId... members) {
        instance.start(0);
        List<Directive> out = new ArrayList<>();
        for (MemberId m : members) {
            out.addAll(push(m, 0, alive(m, 0)));
        }
        return out;
    }

    Optional<Member> member(String name) {
        return instance.members().stream().filter(m -> m.name().equals(name)).findFirst();
    }

    MemberStatus statusOf(String name) {
        return member(name).map(Member::status).orElse(null);
    }

    long rejected(NewsRejection reason) {
        return instance.counters().newsRejected().get(reason.label());
    }

    record FirstProbe(long at, Message.Ping ping, Address to) {}

    /** Four members, enough for a target and k = 3 relays. */
    static final MemberId[] FOUR = {id("a", 1), id("b", 1), id("c", 1), id("d", 1)};

    FirstProbe firstProbeAmongFour() {
        learn(FOUR);
        return firstProbe(0);
    }

    /** Ticks every 10 ms from {@code from} until the instance sends a (non-stream) probe. */
    FirstProbe firstProbe(long from) {
        for (long t = from; t < from + 10 * SECOND; t += 10 * MS) {
            for (Directive.Send s : of(instance.onTick(t), Directive.Send.class)) {
                if (s.message() instanceof Message.Ping p) {
                    return new FirstProbe(t, p, s.to());
                }
            }
        }
        throw new AssertionError("no probe within 10 s");
    }

    static MemberId nameAt(Address address, MemberId... ids) {
        return Arrays.stream(ids)
                .filter(i -> i.address().equals(address))
                .findFirst()
                .orElseThrow();
    }

    /** Ticks every {@code step} over [from, to], collecting the events. */
    List<MembershipEvent> tickThrough(long from, long to, long step) {
        List<MembershipEvent> seen = new ArrayList<>();
        for (long t = from; t <= to; t += step) {
            seen.addAll(events(instance.onTick(t)));
        }
        return seen;
    }

    /**
     * Ticks every {@code step} over [from, to] while every member answers every datagram probe at
     * once (from the address it was sent to), so no probe of this node fails; collects the events.
     */
    List<MembershipEvent> tickAcking(long from, long to, long step) {
        List<MembershipEvent> seen = new ArrayList<>();
        for (long t = from; t <= to; t += step) {
            List<Directive> out = instance.onTick(t);
            seen.addAll(events(out));
            for (Directive.Send s : of(out, Directive.Send.class)) {
                if (s.message() instanceof Message.Ping p && p.targetUid() == uidAt(s.to())) {
                    seen.addAll(events(instance.onMessage(s.to(), new Message.Ack(p.sequence(), List.of()), t)));
                }
            }
        }
        return seen;
    }

    private long uidAt(Address address) {
        return instance.members().stream()
                .filter(m -> m.address().equals(address))
                .mapToLong(m -> m.id().uid())
                .findFirst()
                .orElse(0);
    }

    static List<MembershipEvent> about(List<MembershipEvent> events, String name) {
        return events.stream().filter(e -> e.member().name().equals(name)).toList();
    }
}
