package io.pinfold.denylist;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;
import org.yaml.snakeyaml.error.MarkedYAMLException;
import org.yaml.snakeyaml.error.YAMLException;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.InvalidCidException;
import io.pinfold.ipfs.cid.Multihash;

/**
 * Reads a list in the Compact Denylist Format (IPIP-383) as a stream: an optional YAML header ended
 * by a {@code ---} line, then one rule per line with optional {@code key=value} hints. Holds at most
 * the header (1 MiB) and one line (2 MiB) in memory, never the whole list. Thread-safe (stateless).
 *
 * <p>Rules read: {@code /ipfs/CID}, {@code /ipfs/CID/PATH}, {@code /ipfs/CID/PATH*} ({@code /ipld/}
 * alike), {@code /ipns/NAME[/PATH[*]]}, {@code //B58-MULTIHASH}, {@code //SHA256-HEX}, each optionally
 * negated by {@code !} (NOpfs's {@code +}/{@code -} too). Every other line is a bad line, reported
 * to the sink with its number and the reason.
 */
public final class DenylistParser {

    static final int MAX_HEADER_BYTES = 1 << 20;
    static final int MAX_LINE_BYTES = 2 << 20;
    private static final String BASE58 = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";

    /** Reads a whole list from text (tests, small lists). */
    public DenylistHeader parse(String text, DenylistSink sink) {
        try {
            return parse(new ByteArrayInputStream(text.getBytes(StandardCharsets.UTF_8)), sink);
        } catch (IOException e) {
            throw new IllegalStateException("reading a byte array failed", e);
        }
    }

    /**
     * Reads the list and hands the header and each rule to the sink, in order.
     *
     * @return the header ({@link DenylistHeader#NONE} when the list has none)
     * @throws DenylistSyntaxException for a header that is not valid YAML or names another version,
     *                                 and for the first bad line unless the sink's {@code badLine} returns
     */
    public DenylistHeader parse(InputStream in, DenylistSink sink) throws IOException {
        Lines lines = new Lines(in);
        List<byte[]> buffered = new ArrayList<>();
        long bufferedBytes = 0;
        DenylistHeader header = null;
        boolean headerFound = false;
        // The spec: read until "---" or 1 MiB; without "---" the lines read are rules, not a header.
        while (bufferedBytes <= MAX_HEADER_BYTES) {
            byte[] line = lines.next();
            if (line == null) {
                break;
            }
            bufferedBytes += line.length + 1;
            if (isSeparator(line)) {
                header = header(buffered, lines.number());
                headerFound = true;
                buffered.clear();
                break;
            }
            buffered.add(line);
        }
        if (header == null) {
            header = DenylistHeader.NONE;
        }
        sink.header(header);
        long number = headerFound ? lines.number() : 0;
        for (byte[] line : buffered) {
            rule(++number, line, header, sink);
        }
        byte[] line;
        while ((line = lines.next()) != null) {
            rule(lines.number(), line, header, sink);
        }
        return header;
    }

    private static boolean isSeparator(byte[] line) {
        return line.length == 3 && line[0] == '-' && line[1] == '-' && line[2] == '-'
                || line.length == 4 && line[0] == '-' && line[1] == '-' && line[2] == '-' && line[3] == '\r';
    }

    private void rule(long number, byte[] bytes, DenylistHeader header, DenylistSink sink) {
        if (bytes == Lines.TOO_LONG) {
            sink.badLine(new DenylistSyntaxException(number, "line is longer than 2 MiB", null));
            return;
        }
        String line;
        try {
            line = utf8(bytes);
        } catch (CharacterCodingException e) {
            sink.badLine(new DenylistSyntaxException(number, "line is not valid UTF-8", null));
            return;
        }
        String trimmed = line.strip();
        if (trimmed.isEmpty() || trimmed.charAt(0) == '#') {
            return;
        }
        List<DenylistEntry> entries;
        try {
            entries = entries(trimmed, header.hints());
        } catch (IllegalArgumentException e) {
            sink.badLine(new DenylistSyntaxException(number, e.getMessage(), trimmed));
            return;
        }
        for (DenylistEntry entry : entries) {
            sink.entry(number, entry);
        }
    }

    /** The entries of one non-empty, non-comment line; IllegalArgumentException says why there are none. */
    /**
     * One rule line on its own (an event's rule, an operator's input), with its hints and no list header.
     *
     * @throws IllegalArgumentException naming what is wrong, also for a blank line, a comment, or a double
     *                                  hash that reads two ways (a list keeps both; one rule must name one thing)
     */
    public static DenylistEntry rule(String line) {
        String trimmed = line == null ? "" : line.strip();
        if (trimmed.isEmpty() || trimmed.charAt(0) == '#') {
            throw new IllegalArgumentException("a rule is required, got " + (trimmed.isEmpty() ? "nothing" : "a comment"));
        }
        List<DenylistEntry> entries = entries(trimmed, Hints.NONE);
        if (entries.size() != 1) {
            throw new IllegalArgumentException("the double hash reads both as base58 multihash and as hex: name one");
        }
        return entries.get(0);
    }

    static List<DenylistEntry> entries(String line, Hints listHints) {
        String[] fields = line.split("[ \t]+");
        String rule = fields[0];
        Hints hints = listHints.with(hints(fields));
        boolean allow = false;
        char first = rule.charAt(0);
        if (first == '!' || first == '+' || first == '-') {
            allow = true;
            rule = rule.substring(1);
        }
        if (rule.startsWith("//")) {
            List<DenylistEntry> entries = new ArrayList<>(2);
            for (Target target : doubleHash(rule.substring(2))) {
                entries.add(new DenylistEntry(allow, target, PathRule.ROOT, hints));
            }
            return entries;
        }
        if (rule.startsWith("/ipfs/") || rule.startsWith("/ipld/")) {
            return List.of(content(allow, rule.substring(6), hints));
        }
        if (rule.startsWith("/ipns/")) {
            return List.of(ipns(allow, rule.substring(6), hints));
        }
        throw new IllegalArgumentException("a rule starts with /ipfs/, /ipns/ or // (path-only rules are not supported)");
    }

    private static Hints hints(String[] fields) {
        if (fields.length == 1) {
            return Hints.NONE;
        }
        Map<String, String> hints = new LinkedHashMap<>();
        for (int i = 1; i < fields.length; i++) {
            String field = fields[i];
            int equals = field.indexOf('=');
            // NOpfs writes key=value; the spec's prose shows key:value. Both read.
            int cut = equals >= 0 ? equals : field.indexOf(':');
            if (cut <= 0) {
                throw new IllegalArgumentException("hint '" + field + "' is not key=value");
            }
            hints.put(field.substring(0, cut), PathText.percentDecode(field.substring(cut + 1), "hint " + field.substring(0, cut)));
        }
        return Hints.of(hints);
    }

    private static DenylistEntry content(boolean allow, String rest, Hints hints) {
        int slash = rest.indexOf('/');
        String cidText = slash < 0 ? rest : rest.substring(0, slash);
        if (cidText.isEmpty()) {
            throw new IllegalArgumentException("missing the CID after /ipfs/");
        }
        Cid cid;
        try {
            cid = Cid.parse(cidText);
        } catch (InvalidCidException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        String safe = SafeContent.describe(cid.multihash());
        if (safe != null) {
            throw new IllegalArgumentException(cidText + " is " + safe + ", which is never blocked: every site with an empty folder holds it");
        }
        return new DenylistEntry(allow, new Target.Content(cid.multihash()), pathRule(slash < 0 ? "" : rest.substring(slash)), hints);
    }

    private static DenylistEntry ipns(boolean allow, String rest, Hints hints) {
        int slash = rest.indexOf('/');
        String name = PathText.percentDecode(slash < 0 ? rest : rest.substring(0, slash), "IPNS name");
        if (name.isEmpty()) {
            throw new IllegalArgumentException("missing the name after /ipns/");
        }
        return new DenylistEntry(allow, IpnsNames.parse(name).target(), pathRule(slash < 0 ? "" : rest.substring(slash)), hints);
    }

    /** "/a/b", "/a/b/", "/a/b*", "/a/b/*", "/*"; the '*' is read before decoding, so "%2A" is a literal star. */
    static PathRule pathRule(String raw) {
        boolean prefix = raw.endsWith("*");
        String path = PathText.normalize(prefix ? raw.substring(0, raw.length() - 1) : raw);
        return prefix ? PathRule.prefix(path) : PathRule.exact(path);
    }

    private static List<Target> doubleHash(String text) {
        if (text.isEmpty()) {
            throw new IllegalArgumentException("missing the hash after //");
        }
        List<Target> targets = new ArrayList<>(2);
        String asMultihash = null;
        String asHex = null;
        try {
            targets.add(new Target.DoubleHash(modernHash(text)));
        } catch (IllegalArgumentException e) {
            asMultihash = e.getMessage();
        }
        // Both readings can succeed; the spec then wants a rule for each.
        if (text.length() == 64 && text.chars().allMatch(c -> Character.digit(c, 16) >= 0)) {
            targets.add(new Target.LegacyDoubleHash(Multihash.of(DoubleHashFunction.SHA2_256.code(), HexFormat.of().parseHex(text))));
        } else {
            asHex = "not 64 hex digits";
        }
        if (targets.isEmpty()) {
            throw new IllegalArgumentException("double hash is neither a base58btc multihash (" + asMultihash
                    + ") nor a legacy sha2-256 hex digest (" + asHex + ")");
        }
        return targets;
    }

    private static Multihash modernHash(String text) {
        for (int i = 0; i < text.length(); i++) {
            if (BASE58.indexOf(text.charAt(i)) < 0) {
                throw new IllegalArgumentException("'" + text.charAt(i) + "' at position " + (i + 1) + " is not base58btc");
            }
        }
        Multihash hash;
        try {
            hash = Multihash.parse(text);
        } catch (InvalidCidException e) {
            throw new IllegalArgumentException(e.getMessage());
        }
        if (hash.isIdentity()) {
            throw new IllegalArgumentException("an identity multihash hides nothing");
        }
        DoubleHashFunction function = DoubleHashFunction.forCode(hash.functionCode());
        if (function == null) {
            throw new IllegalArgumentException("hash function " + hash.functionName() + " is not supported");
        }
        if (hash.digestLength() != function.length()) {
            throw new IllegalArgumentException(hash.functionName() + " digest is " + hash.digestLength() + " bytes, expected " + function.length());
        }
        return hash;
    }

    private static DenylistHeader header(List<byte[]> lines, long separatorLine) {
        ByteArrayOutputStream yaml = new ByteArrayOutputStream();
        for (byte[] line : lines) {
            yaml.writeBytes(line);
            yaml.write('\n');
        }
        Object document;
        try {
            LoaderOptions options = new LoaderOptions();
            options.setMaxAliasesForCollections(10);
            options.setAllowDuplicateKeys(false);
            document = new Yaml(new SafeConstructor(options)).load(utf8(yaml.toByteArray()));
        } catch (MarkedYAMLException e) {
            throw new DenylistSyntaxException(e.getProblemMark().getLine() + 1L, "header is not valid YAML: " + e.getProblem(), null);
        } catch (YAMLException | CharacterCodingException e) {
            throw new DenylistSyntaxException(separatorLine, "header is not valid YAML: " + e.getMessage(), null);
        }
        if (document == null) {
            return DenylistHeader.NONE;
        }
        if (!(document instanceof Map<?, ?> fields)) {
            throw new DenylistSyntaxException(1, "header must be a YAML map of fields", null);
        }
        int version = DenylistHeader.VERSION;
        Object versionField = fields.get("version");
        if (versionField != null) {
            // "version: 1" and "version: '1'" both say version 1.
            if (!String.valueOf(versionField).strip().equals(Integer.toString(DenylistHeader.VERSION))) {
                throw new DenylistSyntaxException(1, "header version " + versionField + " is not supported, only 1", null);
            }
        }
        Hints hints = Hints.NONE;
        Object hintsField = fields.get("hints");
        if (hintsField != null) {
            if (!(hintsField instanceof Map<?, ?> map)) {
                throw new DenylistSyntaxException(1, "header hints must be a map of hint names to values", null);
            }
            Map<String, String> values = new LinkedHashMap<>();
            map.forEach((key, value) -> values.put(String.valueOf(key), String.valueOf(value)));
            try {
                hints = Hints.of(values);
            } catch (IllegalArgumentException e) {
                throw new DenylistSyntaxException(1, "header " + e.getMessage(), null);
            }
        }
        return new DenylistHeader(version, text(fields, "name"), text(fields, "description"), text(fields, "author"), hints);
    }

    private static String text(Map<?, ?> fields, String name) {
        Object value = fields.get(name);
        return value == null ? null : String.valueOf(value);
    }

    private static String utf8(byte[] bytes) throws CharacterCodingException {
        return StandardCharsets.UTF_8.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT)
                .decode(ByteBuffer.wrap(bytes)).toString();
    }

    /** Lines of at most 2 MiB; a longer one is skipped to its end and comes back as {@link #TOO_LONG}. */
    private static final class Lines {

        static final byte[] TOO_LONG = new byte[0];

        private final InputStream in;
        private final byte[] buffer = new byte[64 * 1024];
        private int position;
        private int limit;
        private long number;

        Lines(InputStream in) {
            this.in = in;
        }

        long number() {
            return number;
        }

        byte[] next() throws IOException {
            ByteArrayOutputStream line = new ByteArrayOutputStream(128);
            boolean tooLong = false;
            boolean any = false;
            while (true) {
                if (position == limit) {
                    limit = in.read(buffer);
                    position = 0;
                    if (limit <= 0) {
                        limit = 0;
                        if (!any) {
                            return null;
                        }
                        break;
                    }
                }
                any = true;
                int start = position;
                while (position < limit && buffer[position] != '\n') {
                    position++;
                }
                if (!tooLong) {
                    line.write(buffer, start, position - start);
                    if (line.size() >= MAX_LINE_BYTES) {
                        tooLong = true;
                        line.reset();
                    }
                }
                if (position < limit) {
                    position++;
                    break;
                }
            }
            number++;
            if (tooLong) {
                return TOO_LONG;
            }
            byte[] bytes = line.toByteArray();
            int length = bytes.length;
            if (length > 0 && bytes[length - 1] == '\r') {
                return java.util.Arrays.copyOf(bytes, length - 1);
            }
            return bytes;
        }
    }
}
