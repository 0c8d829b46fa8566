package io.pinfold.kubo.content;

import java.util.List;

/** What {@code add} stored; the root is the last entry (the wrapping directory when there is one). */
public record AddResult(List<AddedEntry> entries) {

    public AddResult {
        if (entries.isEmpty()) {
            throw new IllegalArgumentException("add result: Kubo reported no entry");
        }
        entries = List.copyOf(entries);
    }

    public AddedEntry root() {
        return entries.get(entries.size() - 1);
    }

    public String cid() {
        return root().cid();
    }
}
