package io.pinfold.takedown.audit;

import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;

/** Reads the trail a page at a time, in seq order. */
@ApplicationScoped
public class AuditReader {

    public Uni<AuditPage> page(long after, int limit) {
        return Panache.withSession(() -> AuditRecord.<AuditRecord>find("seq > ?1 order by seq", after).range(0, limit - 1).list())
                .map(records -> new AuditPage(records.stream().map(AuditRecordView::of).toList(),
                        records.size() < limit ? null : records.get(records.size() - 1).seq));
    }
}
