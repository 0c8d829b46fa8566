package io.pinfold.takedown;

import io.smallrye.mutiny.Uni;
import java.util.List;
import java.util.function.Function;

/**
 * Runs one step per item, each after the one before has finished: a reactive Hibernate session takes one
 * operation at a time, and the outbox and audit trail must see a transaction's writes in a fixed order.
 */
public final class InOrder {
    private InOrder() {
    }

    public static <T> Uni<Void> each(List<T> items, Function<T, Uni<?>> step) {
        Uni<Void> chain = Uni.createFrom().voidItem();
        for (T item : items) {
            chain = chain.chain(() -> step.apply(item).replaceWithVoid());
        }
        return chain;
    }
}
