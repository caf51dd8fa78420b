package io.swimdiscovery.core.wire;

import io.swimdiscovery.core.protocol.Message;
import java.util.ArrayList;
import java.util.List;

/**
 * The bucket fields of anti-entropy (docs/wire-format.md, "Delta anti-entropy"): the bucket sums of
 * a bucketed {@code SyncDigest} (type 11) and the bucket mask of a partial {@code Sync}. Every count
 * is checked (a power of two from 2 to {@link WireLimits#MAX_SYNC_BUCKETS}) and every length is
 * checked against what that count implies before anything is allocated.
 */
final class WireBuckets {

    private WireBuckets() {}

    /** Bytes of a mask over {@code count} buckets: one bit each, at least one byte. */
    static int maskBytes(int count) {
        return (count + 7) / 8;
    }

    static int bucketCount(WireReader r, String what) {
        long count = r.varint(what);
        if (count > WireLimits.MAX_SYNC_BUCKETS) {
            throw new MalformedPacketException(
                    RejectReason.LIMIT_EXCEEDED,
                    what + " " + Long.toUnsignedString(count) + " over the limit of " + WireLimits.MAX_SYNC_BUCKETS);
        }
        if (!Message.SyncDigest.isValidBucketCount((int) count)) {
            throw new MalformedPacketException(
                    RejectReason.INVALID_FIELD, what + " " + count + " is not a power of two from 2");
        }
        return (int) count;
    }

    /** {@code count} then the mask's length and bytes; returns the buckets set, ascending, at least one. */
    static List<Integer> readMask(WireReader r, int count) {
        long length = r.varint("bucket mask length");
        if (length != maskBytes(count)) {
            throw new MalformedPacketException(
                    RejectReason.INVALID_FIELD,
                    "bucket mask of " + Long.toUnsignedString(length) + " bytes for " + count + " buckets");
        }
        List<Integer> buckets = new ArrayList<>();
        for (int i = 0; i < length; i++) {
            int b = r.u8("bucket mask");
            for (int bit = 0; bit < 8; bit++) {
                if ((b & (1 << bit)) != 0) {
                    int bucket = i * 8 + bit;
                    if (bucket >= count) {
                        throw new MalformedPacketException(
                                RejectReason.INVALID_FIELD, "bucket " + bucket + " set in a mask of " + count);
                    }
                    buckets.add(bucket);
                }
            }
        }
        if (buckets.isEmpty()) {
            throw new MalformedPacketException(RejectReason.INVALID_FIELD, "partial sync with an empty bucket mask");
        }
        return buckets;
    }

    static void writeMask(WireWriter w, int count, List<Integer> buckets) {
        byte[] mask = new byte[maskBytes(count)];
        for (int b : buckets) {
            mask[b >>> 3] |= (byte) (1 << (b & 7));
        }
        w.varint(count);
        w.varint(mask.length);
        for (byte b : mask) {
            w.u8(b);
        }
    }

    static int maskSize(int count) {
        return WireSizes.varint(count) + WireSizes.varint(maskBytes(count)) + maskBytes(count);
    }

    /** The sums of a bucketed digest, after its count: 4 bytes each, big-endian. */
    static List<Integer> readSums(WireReader r, int count) {
        if (r.remaining() < 4L * count) {
            throw new MalformedPacketException(
                    RejectReason.TRUNCATED,
                    count + " bucket sums need " + 4 * count + " bytes, " + r.remaining() + " left");
        }
        Integer[] sums = new Integer[count];
        for (int i = 0; i < count; i++) {
            sums[i] = (r.u16("bucket sum") << 16) | r.u16("bucket sum");
        }
        return List.of(sums);
    }

    static void writeSums(WireWriter w, List<Integer> sums) {
        w.varint(sums.size());
        for (int i = 0, n = sums.size(); i < n; i++) {
            int s = sums.get(i);
            w.u16(s >>> 16);
            w.u16(s & 0xFFFF);
        }
    }

    static int sumsSize(int count) {
        return WireSizes.varint(count) + 4 * count;
    }
}
