package io.pinfold.takedown.imports;

import io.pinfold.denylist.DenylistEntry;
import io.pinfold.denylist.DenylistParser;
import io.pinfold.denylist.DenylistSink;
import io.pinfold.denylist.DenylistSyntaxException;
import java.io.BufferedInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * Reads a list as it arrives, line by line through the library's streaming parser, and writes its entries to the
 * work table (import_staged) a batch at a time: memory holds one batch, never the list. A later line of the same
 * key wins, and a negated rule ({@code !}) takes its key out again, as a follower reading the list would.
 * Bad lines are counted, and the first ones kept with their number and reason; the rest of the list is still read.
 *
 * <p>A list is refused whole (nothing changes) when it is not a denylist at all: {@code html} (a web page:
 * Content-Type text/html, or the body starts with '<'), {@code not-text} (NUL bytes or gzip data in the first
 * 8 KiB), {@code header} (a YAML header that does not parse or names another version), {@code no-rules} (the first
 * {@code probe-lines} rule lines are all bad, or no line is a rule), {@code empty} (no rule at all: taking it would
 * remove every entry of the source), {@code too-large} (more than {@code max-bytes}).
 */
final class ListStager {
    private static final int PEEK = 8192;
    private final ImportStore store;
    private final ImportConfig config;

    ListStager(ImportStore store, ImportConfig config) {
        this.store = store;
        this.config = config;
    }

    /** Reads the whole list into the work table; answers how many entries it holds once read. */
    long stage(UUID runId, ImportSource source, ImportedEntries entries, ListBody body, RunCounters counters) throws IOException {
        String type = body.contentType() == null ? "" : body.contentType().toLowerCase(Locale.ROOT);
        if (type.startsWith("text/html") || type.startsWith("application/xhtml")) {
            throw new NotADenylistException("html", "the server sent Content-Type " + body.contentType() + ": a web page, not a denylist");
        }
        BufferedInputStream in = new BufferedInputStream(new Counting(body.stream(), counters, config.maxBytes()), 64 * 1024);
        peek(in);
        Sink sink = new Sink(runId, source, entries, counters);
        try {
            new DenylistParser().parse(in, sink);
        } catch (DenylistSyntaxException e) {
            throw new NotADenylistException("header", e.getMessage());
        }
        sink.flush();
        if (sink.goodLines == 0) {
            if (sink.badLines > 0) {
                throw new NotADenylistException("no-rules", "none of its " + sink.badLines + " rule lines is a rule, e.g. " + sink.firstProblem);
            }
            throw new NotADenylistException("empty", "the list has no rules; taking it would remove every entry of source " + source.name());
        }
        return store.stagedCount(runId);
    }

    private static void peek(BufferedInputStream in) throws IOException {
        in.mark(PEEK);
        byte[] start = in.readNBytes(PEEK);
        in.reset();
        if (start.length >= 2 && (start[0] & 0xff) == 0x1f && (start[1] & 0xff) == 0x8b) {
            throw new NotADenylistException("not-text", "the body is gzip data; serve the list uncompressed (or with Content-Encoding the client undoes)");
        }
        for (int i = 0; i < start.length; i++) {
            if (start[i] == 0) {
                throw new NotADenylistException("not-text", "byte " + (i + 1) + " is NUL: binary data, not a text list");
            }
        }
        for (byte b : start) {
            if (b == ' ' || b == '\t' || b == '\r' || b == '\n') {
                continue;
            }
            if (b == '<') {
                throw new NotADenylistException("html", "the list starts with '<': HTML or XML, not a denylist");
            }
            break;
        }
    }

    private final class Sink implements DenylistSink {
        private final UUID runId;
        private final ImportSource source;
        private final ImportedEntries entries;
        private final RunCounters counters;
        private final Map<String, Staged> blocks = new LinkedHashMap<>();
        private final Set<String> negated = new LinkedHashSet<>();
        private final List<BadLine> bad = new ArrayList<>();
        private long goodLines;
        private long badLines;
        private long lastGood = -1;
        private long lastBad = -1;
        private String firstProblem;

        Sink(UUID runId, ImportSource source, ImportedEntries entries, RunCounters counters) {
            this.runId = runId;
            this.source = source;
            this.entries = entries;
            this.counters = counters;
        }

        @Override
        public void entry(long line, DenylistEntry read) {
            DenylistEntry published = entries.published(read);
            String key = published.key();
            if (read.allow()) {
                blocks.remove(key);
                negated.add(key);
            } else {
                String rule = published.rule();
                try {
                    entries.event(rule);
                } catch (RuntimeException e) {
                    bad(line, "the rule cannot be published: " + e.getMessage(), read.rule());
                    return;
                }
                negated.remove(key);
                blocks.remove(key);
                blocks.put(key, new Staged(rule, line));
            }
            counters.entriesRead++;
            if (line != lastGood) {
                lastGood = line;
                goodLines++;
            }
            if (blocks.size() + negated.size() >= config.readBatchSize()) {
                flush();
            }
        }

        @Override
        public void badLine(DenylistSyntaxException problem) {
            bad(problem.line(), problem.reason(), problem.text());
        }

        private void bad(long line, String reason, String text) {
            if (line == lastBad) {
                return;
            }
            lastBad = line;
            badLines++;
            counters.rejected++;
            if (firstProblem == null) {
                firstProblem = "line " + line + ": " + reason;
            }
            if (counters.rejected <= config.maxReportedBadLines()) {
                bad.add(new BadLine(line, reason, text));
            }
            if (goodLines == 0 && badLines >= config.probeLines()) {
                throw new NotADenylistException("no-rules", "its first " + badLines + " rule lines are all bad, e.g. " + firstProblem);
            }
        }

        void flush() {
            List<String> keys = new ArrayList<>(blocks.size());
            List<String> rules = new ArrayList<>(blocks.size());
            List<Long> lines = new ArrayList<>(blocks.size());
            blocks.forEach((key, staged) -> {
                keys.add(key);
                rules.add(staged.rule());
                lines.add(staged.line());
            });
            store.stage(runId, keys, rules, lines, new ArrayList<>(negated), List.copyOf(bad));
            blocks.clear();
            negated.clear();
            bad.clear();
            store.renew(source, runId);
            store.progress(runId, "reading", counters);
        }
    }

    private record Staged(String rule, long line) {
    }

    /** Counts bytes and lines as they pass, and stops the read past the size limit. */
    private static final class Counting extends FilterInputStream {
        private final RunCounters counters;
        private final long max;

        Counting(InputStream in, RunCounters counters, long max) {
            super(in);
            this.counters = counters;
            this.max = max;
        }

        @Override
        public int read() throws IOException {
            int b = super.read();
            if (b >= 0) {
                count(1);
                if (b == '\n') {
                    counters.linesRead++;
                }
            }
            return b;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) throws IOException {
            int n = super.read(buffer, offset, length);
            if (n > 0) {
                count(n);
                for (int i = offset; i < offset + n; i++) {
                    if (buffer[i] == '\n') {
                        counters.linesRead++;
                    }
                }
            }
            return n;
        }

        private void count(int n) {
            counters.bytesRead += n;
            if (counters.bytesRead > max) {
                throw new NotADenylistException("too-large", "the list is larger than pinfold.imports.max-bytes (" + max + " bytes)");
            }
        }
    }
}
