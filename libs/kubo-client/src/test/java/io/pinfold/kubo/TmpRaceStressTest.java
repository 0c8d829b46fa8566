package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;

import io.pinfold.kubo.pin.PinLsEntry;
import io.pinfold.kubo.pin.PinLsOptions;
import io.pinfold.kubo.pin.PinType;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.helpers.test.AssertSubscriber;
import io.vertx.core.Context;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class TmpRaceStressTest {

    private final KuboClient kubo = LiveKubo.first();

    @Test
    void cancelRacingTheEnd() {
        for (int i = 0; i < 10; i++) {
            LiveKubo.addOnFirst(LiveKubo.uniqueBytes(20), true);
        }
        int failures = 0;
        for (int i = 0; i < 300; i++) {
            AssertSubscriber<PinLsEntry> s = kubo.pin().ls(PinLsOptions.ofType(PinType.RECURSIVE))
                    .subscribe().withSubscriber(AssertSubscriber.create(2));
            s.awaitItems(2, WAIT);
            s.cancel();
            try {
                LiveKubo.addOnFirst(LiveKubo.uniqueBytes(20), false);
            } catch (RuntimeException e) {
                failures++;
                System.out.println("RACE1 failure " + i + ": " + e);
            }
        }
        System.out.println("RACE1 failures: " + failures + "/300");
    }

    @Test
    void errorAnswerOnAnotherEventLoop() throws Exception {
        String mainLoop = threadOf(LiveKubo.vertx().getOrCreateContext());
        Context other = null;
        for (int i = 0; i < 16 && other == null; i++) {
            CompletableFuture<Context> made = new CompletableFuture<>();
            new Thread(() -> made.complete(LiveKubo.vertx().getOrCreateContext())).start();
            Context candidate = made.get();
            if (!threadOf(candidate).equals(mainLoop)) {
                other = candidate;
            }
        }
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(50), false);
        int failures = 0;
        for (int i = 0; i < 100; i++) {
            kubo.id().await().atMost(WAIT); // a pooled connection on main's loop
            CompletableFuture<String> outcome = new CompletableFuture<>();
            Context ctx = other;
            ctx.runOnContext(v -> kubo.pin().rm(cid, true).subscribe().with(
                    ok -> outcome.complete("unexpected success"),
                    failure -> ctx.runOnContext(w -> kubo.id().subscribe().with(
                            id -> outcome.complete("ok"), f -> outcome.complete("FAILED " + f)))));
            String r = outcome.get();
            if (!r.equals("ok")) {
                failures++;
                System.out.println("RACE2 " + i + ": " + r);
            }
        }
        System.out.println("RACE2 failures: " + failures + "/100");
    }

    private static String threadOf(Context context) throws Exception {
        CompletableFuture<String> name = new CompletableFuture<>();
        context.runOnContext(v -> name.complete(Thread.currentThread().getName()));
        return name.get();
    }
}
