package io.pinfold.takedown.notice;

import io.pinfold.runtime.rest.RequestRejected;
import io.pinfold.runtime.rest.TimeIdCursor;
import io.quarkus.hibernate.reactive.panache.Panache;
import io.smallrye.mutiny.Uni;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Collectors;

/** Reads notices for reviewers, each in its own short session. */
public final class NoticeReader {
    private NoticeReader() {
    }

    public static Uni<NoticeView> view(UUID id) {
        return Panache.withSession(() -> Notice.<Notice>findById(id)
                .chain(notice -> {
                    if (notice == null) {
                        return Uni.createFrom().failure(RequestRejected.notFound("no notice with id '" + id + "'"));
                    }
                    return NoticeTargetRow.<NoticeTargetRow>list("noticeId = ?1 order by position", id)
                            .map(rows -> NoticeView.of(notice, rows));
                }));
    }

    /** Notices received after the cursor ({@code <receivedAt>|<id>}), oldest first, optionally in one state. */
    public static Uni<NoticePage> page(NoticeState state, OffsetDateTime afterTime, UUID afterId, int limit) {
        String query = "(receivedAt > ?1 or (receivedAt = ?1 and id > ?2))" + (state == null ? "" : " and state = ?3")
                + " order by receivedAt, id";
        Object[] params = state == null ? new Object[] {afterTime, afterId} : new Object[] {afterTime, afterId, state.code()};
        return Panache.withSession(() -> Notice.<Notice>find(query, params).page(0, limit).list()
                .chain(notices -> {
                    if (notices.isEmpty()) {
                        return Uni.createFrom().item(new NoticePage(List.of(), null));
                    }
                    List<UUID> ids = notices.stream().map(notice -> notice.id).toList();
                    return NoticeTargetRow.<NoticeTargetRow>list("noticeId in ?1 order by noticeId, position", ids)
                            .map(rows -> {
                                Map<UUID, List<NoticeTargetRow>> byNotice = rows.stream()
                                        .collect(Collectors.groupingBy(row -> row.noticeId));
                                List<NoticeView> views = new ArrayList<>();
                                for (Notice notice : notices) {
                                    views.add(NoticeView.of(notice, byNotice.getOrDefault(notice.id, List.of())));
                                }
                                Notice last = notices.get(notices.size() - 1);
                                return new NoticePage(views, notices.size() < limit ? null : new TimeIdCursor(last.receivedAt, last.id).toString());
                            });
                }));
    }
}
