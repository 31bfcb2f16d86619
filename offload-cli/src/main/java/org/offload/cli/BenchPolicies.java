package org.offload.cli;

import java.util.Arrays;
import java.util.List;

import org.offload.model.Decision;
import org.offload.model.Task;
import org.offload.policy.ForwardingPolicy;
import org.offload.policy.OffloadPolicy;
import org.offload.policy.SystemView;

/** The policy wrappers {@code offload bench} measures with: timing, recording and replaying decisions. */
final class BenchPolicies {
    private BenchPolicies() {
    }

    /** Times the wrapped policy's decisions: every batch, and one in {@value #SAMPLE} single decisions. */
    static final class Timed extends ForwardingPolicy {
        /** Single decisions are cheap and many; timing each would add two clock reads to every one. */
        static final int SAMPLE = 16;
        long singleCalls;
        long singleTimed;
        long singleNanos;
        long batchTasks;
        long batchNanos;

        Timed(OffloadPolicy inner) {
            super(inner);
        }

        double meanNs() {
            double single = singleTimed == 0 ? 0 : (double) singleNanos / singleTimed * singleCalls;
            long calls = singleCalls + batchTasks;
            return calls == 0 ? 0 : (single + batchNanos) / calls;
        }

        @Override
        public Decision decide(Task task, SystemView view) {
            if (singleCalls++ % SAMPLE != 0) {
                return delegate().decide(task, view);
            }
            long t = System.nanoTime();
            Decision d = delegate().decide(task, view);
            singleNanos += System.nanoTime() - t;
            singleTimed++;
            return d;
        }

        @Override
        public List<Decision> decideBatch(List<Task> tasks, SystemView view) {
            long t = System.nanoTime();
            List<Decision> d = delegate().decideBatch(tasks, view);
            batchNanos += System.nanoTime() - t;
            batchTasks += tasks.size();
            return d;
        }
    }

    /** Passes decisions through and records them in call order. */
    static final class Recording extends ForwardingPolicy {
        private final List<Decision> recorded;

        Recording(OffloadPolicy inner, List<Decision> recorded) {
            super(inner);
            this.recorded = recorded;
        }

        @Override
        public Decision decide(Task task, SystemView view) {
            Decision d = delegate().decide(task, view);
            recorded.add(d);
            return d;
        }

        @Override
        public List<Decision> decideBatch(List<Task> tasks, SystemView view) {
            List<Decision> d = delegate().decideBatch(tasks, view);
            recorded.addAll(d);
            return d;
        }
    }

    /** Returns recorded decisions in order, doing no work of its own. */
    static final class Replay implements OffloadPolicy {
        private final Decision[] decisions;
        private final double window;
        int next;

        Replay(Decision[] decisions, double window) {
            this.decisions = decisions;
            this.window = window;
        }

        @Override
        public Decision decide(Task task, SystemView view) {
            return decisions[next++];
        }

        @Override
        public double batchWindowS() {
            return window;
        }

        @Override
        public List<Decision> decideBatch(List<Task> tasks, SystemView view) {
            List<Decision> d = Arrays.asList(decisions).subList(next, next + tasks.size());
            next += tasks.size();
            return d;
        }
    }
}
