package org.offload.engine;

import java.util.Arrays;

/**
 * Pending events ordered by (time, insertion sequence): ties always break the same way, so a run is
 * reproducible. Events live in parallel arrays indexed by slot; a 4-ary heap orders them, keeping each entry's
 * time next to its slot number so that sifting reads contiguous memory (the sequence is read only on ties).
 * Slots are recycled, so scheduling and polling allocate nothing once the arrays have grown.
 */
public final class EventQueue {
    private double[] time;
    private long[] seq;
    private int[] tag;
    private long[] stamp;
    private Object[] data;
    private EventHandler[] handler;
    private int[] heap;
    /** Heap position of each slot's event, so that a pending event can be cancelled. */
    private int[] position;
    private double[] heapTime;
    private int size;
    private int[] free;
    private int freeCount;
    private int slotsUsed;
    private long nextSeq;

    public EventQueue(int initialCapacity) {
        int cap = Math.max(16, initialCapacity);
        time = new double[cap];
        seq = new long[cap];
        tag = new int[cap];
        stamp = new long[cap];
        data = new Object[cap];
        handler = new EventHandler[cap];
        heap = new int[cap];
        position = new int[cap];
        heapTime = new double[cap];
        free = new int[cap];
    }

    public int size() {
        return size;
    }

    public boolean isEmpty() {
        return size == 0;
    }

    /** Time of the earliest event; only valid when not empty. */
    public double peekTime() {
        return heapTime[0];
    }

    /**
     * Adds an event; returns its slot, a handle valid for {@link #cancel} until the event is dispatched or
     * cancelled (slots are reused afterwards).
     */
    public int add(double t, EventHandler h, int eventTag, Object eventData, long eventStamp) {
        int slot;
        if (freeCount > 0) {
            slot = free[--freeCount];
        } else {
            if (slotsUsed == time.length) {
                grow();
            }
            slot = slotsUsed++;
        }
        time[slot] = t;
        seq[slot] = nextSeq++;
        tag[slot] = eventTag;
        stamp[slot] = eventStamp;
        data[slot] = eventData;
        handler[slot] = h;
        siftUp(size++, slot, t);
        return slot;
    }

    /**
     * Removes the pending event in {@code slot} (from {@link #add}) without dispatching it. The caller must know the
     * event is still pending; cancelling is for components that would otherwise leave a superseded event behind.
     */
    public void cancel(int slot) {
        int pos = position[slot];
        int last = heap[--size];
        double lastT = heapTime[size];
        data[slot] = null;
        handler[slot] = null;
        free[freeCount++] = slot;
        if (pos == size) {
            return;
        }
        if (pos > 0 && less(lastT, last, heapTime[(pos - 1) >>> 2], heap[(pos - 1) >>> 2])) {
            siftUp(pos, last, lastT);
        } else {
            siftDownFrom(pos, last, lastT);
        }
    }

    /** Removes the earliest event and delivers it to its handler; returns its time. */
    public double pollAndDispatch(Clock clock) {
        int slot = heap[0];
        int last = heap[--size];
        if (size > 0) {
            siftDown(last, heapTime[size]);
        }
        double t = time[slot];
        EventHandler h = handler[slot];
        Object d = data[slot];
        int eventTag = tag[slot];
        long eventStamp = stamp[slot];
        data[slot] = null;
        handler[slot] = null;
        free[freeCount++] = slot;
        clock.advanceTo(t);
        h.onEvent(eventTag, d, eventStamp);
        return t;
    }

    private boolean less(double ta, int a, double tb, int b) {
        return ta < tb || (ta == tb && seq[a] < seq[b]);
    }

    private void siftUp(int pos, int slot, double t) {
        while (pos > 0) {
            int parent = (pos - 1) >>> 2;
            int p = heap[parent];
            double pt = heapTime[parent];
            if (!less(t, slot, pt, p)) {
                break;
            }
            heap[pos] = p;
            position[p] = pos;
            heapTime[pos] = pt;
            pos = parent;
        }
        heap[pos] = slot;
        position[slot] = pos;
        heapTime[pos] = t;
    }

    private void siftDown(int slot, double t) {
        siftDownFrom(0, slot, t);
    }

    private void siftDownFrom(int start, int slot, double t) {
        int pos = start;
        while (true) {
            int first = 4 * pos + 1;
            if (first >= size) {
                break;
            }
            int best = first;
            double bt = heapTime[first];
            int end = Math.min(first + 4, size);
            for (int c = first + 1; c < end; c++) {
                double ct = heapTime[c];
                if (less(ct, heap[c], bt, heap[best])) {
                    best = c;
                    bt = ct;
                }
            }
            if (!less(bt, heap[best], t, slot)) {
                break;
            }
            int moved = heap[best];
            heap[pos] = moved;
            position[moved] = pos;
            heapTime[pos] = bt;
            pos = best;
        }
        heap[pos] = slot;
        position[slot] = pos;
        heapTime[pos] = t;
    }

    private void grow() {
        int cap = time.length * 2;
        time = Arrays.copyOf(time, cap);
        seq = Arrays.copyOf(seq, cap);
        tag = Arrays.copyOf(tag, cap);
        stamp = Arrays.copyOf(stamp, cap);
        data = Arrays.copyOf(data, cap);
        handler = Arrays.copyOf(handler, cap);
        heap = Arrays.copyOf(heap, cap);
        position = Arrays.copyOf(position, cap);
        heapTime = Arrays.copyOf(heapTime, cap);
        free = Arrays.copyOf(free, cap);
    }

    /** The queue's view of simulated time; it moves the clock forward before each dispatch. */
    public interface Clock {
        void advanceTo(double t);
    }
}
