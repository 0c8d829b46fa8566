package io.pinfold.pin.reconcile;

import io.quarkus.vertx.core.runtime.context.VertxContextSafetyToggle;
import io.smallrye.common.vertx.VertxContext;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.subscription.Cancellable;
import io.vertx.core.Context;
import io.vertx.core.Vertx;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;

/**
 * Runs a piece of work on a Vert.x context of its own. Hibernate Reactive binds its session to the context, so
 * work items that run side by side (several pins of one node, several nodes) each need their own, or they would
 * share one session. Cancelling the returned Uni cancels the work (e.g. aborts a running pin add).
 */
public final class FreshContext {
    private FreshContext() {
    }

    public static <T> Uni<T> run(Vertx vertx, Supplier<Uni<T>> work) {
        return Uni.createFrom().emitter(emitter -> {
            Context context = VertxContext.createNewDuplicatedContext(vertx.getOrCreateContext());
            VertxContextSafetyToggle.setContextSafe(context, true);
            AtomicReference<Cancellable> running = new AtomicReference<>();
            emitter.onTermination(() -> {
                Cancellable cancellable = running.get();
                if (cancellable != null) {
                    cancellable.cancel();
                }
            });
            context.runOnContext(ignored -> {
                Uni<T> uni;
                try {
                    uni = work.get();
                } catch (RuntimeException e) {
                    emitter.fail(e);
                    return;
                }
                running.set(uni.subscribe().with(emitter::complete, emitter::fail));
            });
        });
    }
}
