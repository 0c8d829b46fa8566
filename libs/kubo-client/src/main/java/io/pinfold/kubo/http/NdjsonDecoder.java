package io.pinfold.kubo.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.vertx.core.buffer.Buffer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Kubo's streamed answers: one JSON value per line. Each line becomes one item through {@code mapper};
 * memory holds at most one partial line, whatever the length of the stream.
 */
final class NdjsonDecoder<T> implements ChunkDecoder<T> {

    private final Function<JsonNode, T> mapper;
    private Buffer pending = Buffer.buffer();

    NdjsonDecoder(Function<JsonNode, T> mapper) {
        this.mapper = mapper;
    }

    @Override
    public void accept(Buffer chunk, Consumer<T> out) {
        Buffer data = pending.length() == 0 ? chunk : pending.appendBuffer(chunk);
        int start = 0;
        for (int i = 0; i < data.length(); i++) {
            if (data.getByte(i) == '\n') {
                emitLine(data, start, i, out);
                start = i + 1;
            }
        }
        pending = start == data.length() ? Buffer.buffer() : data.getBuffer(start, data.length());
    }

    @Override
    public void finish(Consumer<T> out) {
        if (pending.length() > 0) {
            emitLine(pending, 0, pending.length(), out);
            pending = Buffer.buffer();
        }
    }

    private void emitLine(Buffer data, int start, int end, Consumer<T> out) {
        if (isBlank(data, start, end)) {
            return;
        }
        JsonNode node;
        try {
            node = JsonFields.MAPPER.readTree(data.getBytes(start, end));
        } catch (IOException e) {
            throw new UncheckedIOException("unreadable line from Kubo: " + e.getMessage(), e);
        }
        out.accept(mapper.apply(node));
    }

    private static boolean isBlank(Buffer data, int start, int end) {
        for (int i = start; i < end; i++) {
            if (!Character.isWhitespace(data.getByte(i))) {
                return false;
            }
        }
        return true;
    }
}
