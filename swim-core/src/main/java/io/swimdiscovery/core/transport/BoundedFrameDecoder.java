package io.swimdiscovery.core.transport;

import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.handler.codec.ByteToMessageDecoder;
import io.netty.util.concurrent.ScheduledFuture;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Splits an inbound stream into frames (4-byte big-endian payload length, then the payload) and
 * enforces the stream bounds: the length must be 1..{@code maxFrameSize} (the payload only, as the
 * sender checks it), a frame must arrive whole within {@code frameReadTimeout} (a fixed deadline,
 * so a trickle of bytes does not extend it), and the bytes buffered for incomplete frames, summed
 * over all connections, stay within a shared budget. Memory grows with what arrived, never with
 * what the length prefix announced. A breach closes the connection and reports its reason.
 */
final class BoundedFrameDecoder extends ByteToMessageDecoder {

    private final int maxFrameSize;
    private final long frameReadTimeoutNanos;
    private final AtomicLong sharedBuffered;
    private final long sharedBudget;
    private final Consumer<String> drops;
    private long accounted;
    private boolean failed;
    private @Nullable ScheduledFuture<?> deadline;

    BoundedFrameDecoder(
            int maxFrameSize,
            long frameReadTimeoutNanos,
            AtomicLong sharedBuffered,
            long sharedBudget,
            Consumer<String> drops) {
        this.maxFrameSize = maxFrameSize;
        this.frameReadTimeoutNanos = frameReadTimeoutNanos;
        this.sharedBuffered = sharedBuffered;
        this.sharedBudget = sharedBudget;
        this.drops = drops;
    }

    @Override
    public void handlerAdded(ChannelHandlerContext ctx) {
        armDeadline(ctx);
    }

    @Override
    protected void decode(ChannelHandlerContext ctx, ByteBuf in, List<Object> out) {
        if (failed) {
            in.skipBytes(in.readableBytes());
            return;
        }
        while (in.readableBytes() >= 4) {
            int length = in.getInt(in.readerIndex());
            if (length == 0) {
                fail(ctx, in, TransportDrops.EMPTY_FRAME);
                return;
            }
            if (length < 0 || length > maxFrameSize) {
                fail(ctx, in, TransportDrops.FRAME_TOO_LARGE);
                return;
            }
            if (in.readableBytes() - 4 < length) {
                break;
            }
            out.add(in.retainedSlice(in.readerIndex() + 4, length));
            in.skipBytes(4 + length);
            armDeadline(ctx);
        }
        account(ctx, in);
    }

    /** Charges the shared budget for what this connection now buffers, or closes it if that is too much. */
    private void account(ChannelHandlerContext ctx, ByteBuf in) {
        long buffered = in.readableBytes();
        long delta = buffered - accounted;
        if (delta > 0 && sharedBuffered.addAndGet(delta) > sharedBudget) {
            sharedBuffered.addAndGet(-delta);
            fail(ctx, in, TransportDrops.STREAM_MEMORY);
            return;
        }
        if (delta < 0) {
            sharedBuffered.addAndGet(delta);
        }
        accounted = buffered;
    }

    private void fail(ChannelHandlerContext ctx, ByteBuf in, String reason) {
        failed = true;
        in.skipBytes(in.readableBytes());
        release();
        drops.accept(reason);
        ctx.close();
    }

    /** A new deadline for the next frame, from now: after accept and after each whole frame. */
    private void armDeadline(ChannelHandlerContext ctx) {
        cancelDeadline();
        deadline = ctx.executor()
                .schedule(
                        () -> {
                            if (!failed && ctx.channel().isOpen()) {
                                failed = true;
                                // A connection that is merely idle between frames closes quietly (the idle timeout's
                                // job too); one that left a frame half-sent is counted.
                                if (accounted > 0) {
                                    drops.accept(TransportDrops.READ_TIMEOUT);
                                }
                                release();
                                ctx.close();
                            }
                        },
                        frameReadTimeoutNanos,
                        TimeUnit.NANOSECONDS);
    }

    private void cancelDeadline() {
        ScheduledFuture<?> d = deadline;
        if (d != null) {
            d.cancel(false);
            deadline = null;
        }
    }

    private void release() {
        if (accounted != 0) {
            sharedBuffered.addAndGet(-accounted);
            accounted = 0;
        }
    }

    @Override
    protected void handlerRemoved0(ChannelHandlerContext ctx) {
        cancelDeadline();
        release();
    }
}
