package io.pinfold.takedown;

import io.micrometer.core.instrument.Tags;
import io.pinfold.runtime.metrics.OwnedGauges;
import jakarta.annotation.PreDestroy;
import io.micrometer.core.instrument.MeterRegistry;
import io.pinfold.takedown.notice.NoticeState;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Gauges read from the database every {@code pinfold.takedown.metrics-refresh}: notices by state and denylist
 * entries (distinct keys, as published). From the database, not counted in memory, so every service copy reports
 * the same truth and a restart loses nothing.
 */
// @Startup: the gauges exist (at 0) from the start, not from the first refresh.
@Startup
@ApplicationScoped
public class TakedownMetrics {
    private final Map<NoticeState, AtomicLong> notices = new EnumMap<>(NoticeState.class);
    private final AtomicLong entries;
    private final OwnedGauges gauges;

    public TakedownMetrics(MeterRegistry registry) {
        gauges = new OwnedGauges(registry);
        for (NoticeState state : NoticeState.values()) {
            notices.put(state, gauges.value("pinfold.notices", "Notices by state", Tags.of("state", state.code())));
        }
        entries = gauges.value("pinfold.denylist.entries", "Denylist entries published (distinct keys)", Tags.empty());
    }

    @PreDestroy
    void close() {
        gauges.close();
    }

    @Scheduled(every = "${pinfold.takedown.metrics-refresh:15s}", delay = 1, delayUnit = TimeUnit.SECONDS, concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    Uni<Void> refresh() {
        return Panache.withSession(() -> Panache.getSession()
                .chain(session -> session.createNativeQuery("SELECT state, count(*) FROM notice GROUP BY state", Object[].class)
                        .getResultList()
                        .invoke(rows -> {
                            Map<NoticeState, Long> counts = new EnumMap<>(NoticeState.class);
                            for (Object[] row : rows) {
                                counts.put(NoticeState.fromCode((String) row[0]), ((Number) row[1]).longValue());
                            }
                            notices.forEach((state, value) -> value.set(counts.getOrDefault(state, 0L)));
                        })
                        .chain(() -> session.createNativeQuery("SELECT count(DISTINCT entry_key) FROM denylist_entry", Long.class)
                                .getSingleResult())
                        .invoke(entries::set)))
                .replaceWithVoid()
                .onFailure().recoverWithNull().replaceWithVoid();
    }
}
