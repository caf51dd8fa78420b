package io.swimdiscovery.core.protocol;

import java.util.Locale;

/**
 * Why the engine refused a piece of news or a request that decoded fine: the protocol-level
 * counterpart of the codec's reject reasons. Every value is counted (see {@link ProtocolCounters#newsRejected()}).
 */
public enum NewsRejection {
    /** News gives a known uid another address: a process keeps its address for its whole life. */
    ADDRESS_CHANGE,
    /** News about this node that only this node may issue (a higher incarnation), or a foreign uid under its name. */
    FORGED_SELF_NEWS,
    /** News about a uid already known dead or replaced: dead is final. */
    STALE_UID,
    /** An incarnation above {@link SwimInstance#MAX_INCARNATION} or a uid of 0. */
    OUT_OF_RANGE,
    /** A claim (new member, new uid, higher incarnation, left) whose subject did not confirm it. */
    UNVERIFIED,
    /** A claim refuted by its subject: it answered with another record, or another process answered. */
    REFUTED_CLAIM,
    /** A new uid at another address while the old uid still answers: a name clash or a forgery. */
    NAME_CONFLICT,
    /** More claims waiting for verification than the engine holds. */
    CLAIM_QUEUE_FULL,
    /** A new member while the member table is at {@link SwimSettings#maxMembers()}. */
    MEMBER_TABLE_FULL,
    /** A ping-req from a member this node does not list as live, or about one. */
    UNKNOWN_RELAY_REQUEST,
    /** A stream message whose named sender is not on the connection's host: no answer is sent there. */
    REPLY_HOST_MISMATCH,
    /**
     * News that named a member's metadata by digest only, when neither this node's table nor the
     * member's answer to the verification ping had that metadata: not admitted without it.
     */
    METADATA_MISSING;

    /** The name used in metrics: lower case, words joined by '-'. */
    public String label() {
        return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
}
