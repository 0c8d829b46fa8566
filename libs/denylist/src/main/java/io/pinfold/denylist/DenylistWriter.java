package io.pinfold.denylist;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.util.LinkedHashMap;
import java.util.Map;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * Writes a list in the Compact Denylist Format, one line per rule, each ending in '\n', so a
 * follower that only appends (Kubo/NOpfs, Rainbow) can read a list that only grows: a removal is
 * the negated rule appended ({@link #remove}), never an edited line. Hints are written
 * {@code key=value} (NOpfs's form), values with blanks and '%' percent-encoded. Not thread-safe.
 */
public final class DenylistWriter {

    private final Writer out;

    public DenylistWriter(Writer out) {
        this.out = out;
    }

    /** The YAML header and its {@code ---} line; write it first, once, or not at all. */
    public DenylistWriter header(DenylistHeader header) {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("version", header.version());
        putIfSet(fields, "name", header.name());
        putIfSet(fields, "description", header.description());
        putIfSet(fields, "author", header.author());
        if (!header.hints().asMap().isEmpty()) {
            fields.put("hints", new LinkedHashMap<>(header.hints().asMap()));
        }
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setExplicitEnd(false);
        return write(new Yaml(options).dump(fields) + "---\n");
    }

    private static void putIfSet(Map<String, Object> fields, String name, String value) {
        if (value != null) {
            fields.put(name, value);
        }
    }

    /** A comment line; line breaks in the text become separate comment lines. */
    public DenylistWriter comment(String text) {
        StringBuilder line = new StringBuilder();
        for (String part : text.split("\r?\n", -1)) {
            line.append("# ").append(part).append('\n');
        }
        return write(line.toString());
    }

    /** The entry as it is: its rule (negated when it allows) and its hints. */
    public DenylistWriter entry(DenylistEntry entry) {
        StringBuilder line = new StringBuilder(entry.rule());
        entry.hints().asMap().forEach((key, value) -> line.append(' ').append(key).append('=').append(RuleText.hintValue(value)));
        return write(line.append('\n').toString());
    }

    /** Lifts an earlier blocking entry: appends its negation. */
    public DenylistWriter remove(DenylistEntry blocking) {
        if (blocking.allow()) {
            throw new IllegalArgumentException("not a blocking entry: " + blocking.rule());
        }
        return entry(blocking.negated());
    }

    public void flush() {
        try {
            out.flush();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private DenylistWriter write(String text) {
        try {
            out.write(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return this;
    }
}
