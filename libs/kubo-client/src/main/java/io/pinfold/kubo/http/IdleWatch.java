package io.pinfold.kubo.http;

import io.vertx.core.Vertx;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * Fires once when a streamed answer has made no progress for its idle timeout. Progress is a
 * mark, not a timer reset: one Vert.x timer per idle period checks the time since the last mark, so
 * a stream of a million lines sets a timer every idle period, not one per line. While reading is
 * paused for a slow subscriber the watch is suspended: silence then is the client's doing, not Kubo's.
 *
 * <p>Vert.x's own {@code HttpClientRequest.idleTimeout} counts bytes on the connection, keeps
 * ticking while the client pauses, and cannot tell a {@code pin add --progress} line that reports
 * nothing new (Kubo sends one every 500 ms) from real progress; so the client keeps its own.
 */
final class IdleWatch {

    private final Vertx vertx;
    private final long idleNanos;
    private final Runnable onIdle;
    private long lastProgress;
    private long timerId = -1;
    private boolean suspended;
    private boolean stopped;

    IdleWatch(Vertx vertx, Duration idleTimeout, Runnable onIdle) {
        this.vertx = vertx;
        this.idleNanos = idleTimeout.toNanos();
        this.onIdle = onIdle;
    }

    synchronized void start() {
        if (!stopped) {
            lastProgress = System.nanoTime();
            arm(idleNanos);
        }
    }

    /** The stream moved on: the idle time counts from now. */
    synchronized void progressed() {
        lastProgress = System.nanoTime();
    }

    /** Reading was paused by the client: silence from now on is not Kubo's. */
    synchronized void suspend() {
        if (!stopped && !suspended) {
            suspended = true;
            cancelTimer();
        }
    }

    /** Reading resumed: the idle time counts afresh. */
    synchronized void resume() {
        if (!stopped && suspended) {
            suspended = false;
            lastProgress = System.nanoTime();
            arm(idleNanos);
        }
    }

    synchronized void stop() {
        stopped = true;
        cancelTimer();
    }

    private void check(long firedTimer) {
        synchronized (this) {
            if (stopped || suspended || firedTimer != timerId) {
                return;
            }
            long quietFor = System.nanoTime() - lastProgress;
            if (quietFor < idleNanos) {
                arm(idleNanos - quietFor);
                return;
            }
            stopped = true;
            timerId = -1;
        }
        onIdle.run(); // outside the lock: it resets the request and fails the subscriber
    }

    private void arm(long nanos) {
        cancelTimer();
        long millis = Math.max(1, TimeUnit.NANOSECONDS.toMillis(nanos + TimeUnit.MILLISECONDS.toNanos(1) - 1));
        timerId = vertx.setTimer(millis, this::check);
    }

    private void cancelTimer() {
        if (timerId >= 0) {
            vertx.cancelTimer(timerId);
            timerId = -1;
        }
    }
}
