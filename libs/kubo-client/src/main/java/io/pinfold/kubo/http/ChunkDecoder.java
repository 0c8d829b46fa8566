package io.pinfold.kubo.http;

import io.vertx.core.buffer.Buffer;
import java.util.function.Consumer;

/** Cuts a streamed answer into items as bytes arrive, so nothing waits for the whole body. */
interface ChunkDecoder<T> {

    /** Emits every item completed by {@code chunk}; keeps any partial item for the next chunk. */
    void accept(Buffer chunk, Consumer<T> out);

    /** The body ended: emits a last item that had no terminator. */
    void finish(Consumer<T> out);

    /** Raw bytes, as they come (for {@code cat}). */
    static ChunkDecoder<Buffer> raw() {
        return new ChunkDecoder<>() {
            @Override
            public void accept(Buffer chunk, Consumer<Buffer> out) {
                if (chunk.length() > 0) {
                    out.accept(chunk);
                }
            }

            @Override
            public void finish(Consumer<Buffer> out) {}
        };
    }
}
