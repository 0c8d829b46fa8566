package io.pinfold.denylist;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.Multihash;

/** Size limits of the spec, line numbers, and lists too large to hold: read as a stream. */
class StreamingParseTest {

    /** "/ipfs/<cid>\n" lines made on demand, so the whole list never exists at once. */
    private static InputStream generated(String head, int lines) {
        InputStream body = new InputStream() {
            private int line;
            private byte[] current = new byte[0];
            private int at;

            @Override
            public int read() {
                if (at == current.length) {
                    if (line == lines) {
                        return -1;
                    }
                    byte[] digest = new byte[32];
                    digest[0] = (byte) line;
                    digest[1] = (byte) (line >> 8);
                    digest[2] = (byte) (line >> 16);
                    current = ("/ipfs/" + Cid.v1(Codec.RAW, Multihash.of(0x12, digest)) + "\n").getBytes(StandardCharsets.US_ASCII);
                    at = 0;
                    line++;
                }
                return current[at++];
            }
        };
        return new SequenceInputStream(new ByteArrayInputStream(head.getBytes(StandardCharsets.UTF_8)), body);
    }

    private static final class Collecting implements DenylistSink {
        long entries;
        long lastLine;
        final List<DenylistSyntaxException> bad = new ArrayList<>();

        @Override
        public void entry(long line, DenylistEntry entry) {
            entries++;
            lastLine = line;
        }

        @Override
        public void badLine(DenylistSyntaxException problem) {
            bad.add(problem);
        }
    }

    @Test
    void aListWithoutHeaderLongerThanTheHeaderLimitIsReadAsRulesWithTheRightLineNumbers() throws IOException {
        Collecting sink = new Collecting();
        DenylistHeader header = new DenylistParser().parse(generated("", 100_000), sink);
        assertThat(header).isEqualTo(DenylistHeader.NONE);
        assertThat(sink.entries).isEqualTo(100_000);
        assertThat(sink.lastLine).isEqualTo(100_000);
        assertThat(sink.bad).isEmpty();
    }

    @Test
    void linesAfterAHeaderAreNumberedFromTheTopOfTheFile() throws IOException {
        Collecting sink = new Collecting();
        new DenylistParser().parse(generated("name: n\nauthor: a\n---\n", 10), sink);
        assertThat(sink.lastLine).isEqualTo(13);
    }

    @Test
    void aLineOver2MiBIsRefusedAndTheNextLinesStillRead() throws IOException {
        String huge = "/ipfs/" + "a".repeat(DenylistParser.MAX_LINE_BYTES) + "\n";
        Collecting sink = new Collecting();
        new DenylistParser().parse(generated(huge, 3), sink);
        assertThat(sink.bad).singleElement().satisfies(problem -> assertThat(problem.getMessage()).isEqualTo("line 1: line is longer than 2 MiB"));
        assertThat(sink.entries).isEqualTo(3);
        assertThat(sink.lastLine).isEqualTo(4);
    }

    @Test
    void crlfLineEndsAndALastLineWithoutNewlineAreRead() {
        Collecting sink = new Collecting();
        new DenylistParser().parse("name: x\r\n---\r\n/ipns/a.example\r\n/ipns/b.example", sink);
        assertThat(sink.entries).isEqualTo(2);
        assertThat(sink.lastLine).isEqualTo(4);
    }

    @Test
    void invalidUtf8IsABadLine() throws IOException {
        Collecting sink = new Collecting();
        byte[] bytes = "/ipns/a.example\n/ipns/\u00ff\n".getBytes(StandardCharsets.ISO_8859_1);
        new DenylistParser().parse(new ByteArrayInputStream(bytes), sink);
        assertThat(sink.bad).singleElement().satisfies(problem -> assertThat(problem.getMessage()).isEqualTo("line 2: line is not valid UTF-8"));
    }
}
