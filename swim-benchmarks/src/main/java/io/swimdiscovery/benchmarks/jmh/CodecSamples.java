package io.swimdiscovery.benchmarks.jmh;

import io.swimdiscovery.core.protocol.Address;
import io.swimdiscovery.core.protocol.Gossip;
import io.swimdiscovery.core.protocol.MemberId;
import io.swimdiscovery.core.protocol.MemberStatus;
import io.swimdiscovery.core.protocol.Message;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Messages shaped like real traffic: Spring service members with typical metadata. */
final class CodecSamples {

    static final String CLUSTER = "orders-prod";

    private CodecSamples() {}

    static MemberId member(int i) {
        return new MemberId(
                "orders-" + i + "-7f9c4d",
                new Address("10.0." + (i / 250) + "." + (i % 250 + 1), 7946),
                0x5eed_0000_0000L + i);
    }

    static Gossip gossip(int i) {
        return new Gossip(
                member(i),
                i % 7 == 0 ? MemberStatus.SUSPECT : MemberStatus.ALIVE,
                3 + i % 5,
                Map.of(
                        "service",
                        "orders",
                        "port",
                        "8080",
                        "scheme",
                        "http",
                        "zone",
                        "eu-west-1" + (char) ('a' + i % 3)),
                i % 7 == 0 ? member(i + 1).name() : null);
    }

    static List<Gossip> gossip(int from, int count) {
        List<Gossip> list = new ArrayList<>(count);
        for (int i = from; i < from + count; i++) {
            list.add(gossip(i));
        }
        return list;
    }

    /** A probe with no news: the steady-state packet. */
    static Message bareAck() {
        return new Message.Ack(123_456, List.of());
    }

    /** A probe carrying 8 news items with Spring-style metadata. */
    static Message pingWithGossip() {
        return new Message.Ping(member(1).address(), 123_456, member(2).uid(), gossip(10, 8));
    }

    /** Full state of a cluster, sent over a stream (1,000 members: 97 KB). */
    static Message sync(int members) {
        return new Message.Sync(member(1), false, false, gossip(0, members));
    }
}
