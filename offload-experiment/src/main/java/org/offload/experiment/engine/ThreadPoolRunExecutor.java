package org.offload.experiment.engine;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

/** Runs a sweep's evaluations on a fixed pool of daemon threads in this JVM (the default executor). */
public final class ThreadPoolRunExecutor implements RunExecutor {
    private final int threads;

    public ThreadPoolRunExecutor(int threads) {
        if (threads < 1) {
            throw new IllegalArgumentException("threads: must be at least 1, got " + threads);
        }
        this.threads = threads;
    }

    public int threads() {
        return threads;
    }

    @Override
    public String describe() {
        return threads + " thread" + (threads == 1 ? "" : "s");
    }

    @Override
    public <K> void execute(List<K> runs, Evaluator<K> evaluator, Completion completion) throws InterruptedException {
        AtomicInteger n = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "sweep-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < runs.size(); i++) {
                int index = i;
                futures.add(pool.submit(() -> {
                    completion.started(index);
                    RunOutput out = null;
                    Throwable error = null;
                    try {
                        out = evaluator.evaluate(runs.get(index));
                    } catch (Throwable e) {
                        error = e;
                    }
                    completion.finished(index, out, error);
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
        } catch (ExecutionException e) {
            throw new IllegalStateException("sweep worker failed", e.getCause());
        } finally {
            pool.shutdownNow();
        }
    }
}
