package io.swimdiscovery.core.sim;

import java.util.Arrays;
import org.jspecify.annotations.Nullable;

/**
 * The simulator's clock: pending events ordered by (virtual time, sequence of insertion), so two
 * events due at the same nanosecond run in the order they were scheduled and every run replays.
 *
 * <p>A binary heap over primitive arrays. Heap entries hold only the ordering keys and a slot
 * number; the payload lives in parallel slot arrays that are reused through a free list, so the
 * hot loop allocates nothing per event and sifting moves three numbers instead of whole records.
 */
final class EventQueue {

    private long[] heapTime = new long[1024];
    private long[] heapSeq = new long[1024];
    private int[] heapSlot = new int[1024];
    private int size;
    private long nextSeq;

    private byte[] kind = new byte[1024];
    private int[] node = new int[1024];
    private int[] aux = new int[1024];
    private int[] aux2 = new int[1024];
    private @Nullable Object[] obj = new Object[1024];
    private @Nullable Object[] obj2 = new Object[1024];
    private int[] free = new int[1024];
    private int freeCount;
    private int slotsUsed;

    /** Schedules an event and returns nothing: events are identified by their contents, not by handles. */
    void push(
            long time,
            int eventKind,
            int eventNode,
            int eventAux,
            int eventAux2,
            @Nullable Object payload,
            @Nullable Object payload2) {
        int slot = allocateSlot();
        kind[slot] = (byte) eventKind;
        node[slot] = eventNode;
        aux[slot] = eventAux;
        aux2[slot] = eventAux2;
        obj[slot] = payload;
        obj2[slot] = payload2;
        if (size == heapTime.length) {
            int capacity = size * 2;
            heapTime = Arrays.copyOf(heapTime, capacity);
            heapSeq = Arrays.copyOf(heapSeq, capacity);
            heapSlot = Arrays.copyOf(heapSlot, capacity);
        }
        siftUp(size++, time, nextSeq++, slot);
    }

    boolean isEmpty() {
        return size == 0;
    }

    int size() {
        return size;
    }

    /** Time of the earliest event; only valid when not empty. */
    long peekTime() {
        return heapTime[0];
    }

    /** Removes the earliest event and returns its slot; read it with the accessors, then {@link #release}. */
    int pop() {
        int top = heapSlot[0];
        size--;
        if (size > 0) {
            siftDown(0, heapTime[size], heapSeq[size], heapSlot[size]);
        }
        return top;
    }

    int kind(int slot) {
        return kind[slot];
    }

    int node(int slot) {
        return node[slot];
    }

    int aux(int slot) {
        return aux[slot];
    }

    int aux2(int slot) {
        return aux2[slot];
    }

    @Nullable
    Object payload(int slot) {
        return obj[slot];
    }

    @Nullable
    Object payload2(int slot) {
        return obj2[slot];
    }

    /** Returns a popped slot for reuse, dropping its references so delivered messages can be collected. */
    void release(int slot) {
        obj[slot] = null;
        obj2[slot] = null;
        free[freeCount++] = slot;
    }

    private int allocateSlot() {
        if (freeCount > 0) {
            return free[--freeCount];
        }
        if (slotsUsed == kind.length) {
            int capacity = slotsUsed * 2;
            kind = Arrays.copyOf(kind, capacity);
            node = Arrays.copyOf(node, capacity);
            aux = Arrays.copyOf(aux, capacity);
            aux2 = Arrays.copyOf(aux2, capacity);
            obj = Arrays.copyOf(obj, capacity);
            obj2 = Arrays.copyOf(obj2, capacity);
            free = Arrays.copyOf(free, capacity);
        }
        return slotsUsed++;
    }

    private void siftUp(int index, long time, long seq, int slot) {
        int i = index;
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            if (!before(time, seq, heapTime[parent], heapSeq[parent])) {
                break;
            }
            move(parent, i);
            i = parent;
        }
        heapTime[i] = time;
        heapSeq[i] = seq;
        heapSlot[i] = slot;
    }

    private void siftDown(int index, long time, long seq, int slot) {
        int i = index;
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            int right = child + 1;
            if (right < size && before(heapTime[right], heapSeq[right], heapTime[child], heapSeq[child])) {
                child = right;
            }
            if (!before(heapTime[child], heapSeq[child], time, seq)) {
                break;
            }
            move(child, i);
            i = child;
        }
        heapTime[i] = time;
        heapSeq[i] = seq;
        heapSlot[i] = slot;
    }

    private void move(int from, int to) {
        heapTime[to] = heapTime[from];
        heapSeq[to] = heapSeq[from];
        heapSlot[to] = heapSlot[from];
    }

    private static boolean before(long timeA, long seqA, long timeB, long seqB) {
        return timeA < timeB || (timeA == timeB && seqA < seqB);
    }
}
