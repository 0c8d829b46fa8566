package io.pinfold.pin.admission;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

/**
 * The signed bytes as the contract documents them, checked against a signature made by the Python example of
 * libs/event-contracts/README.md (cryptography 48, private key seed 0x00..0x1f): what an outside publisher signs
 * is what pin-service verifies.
 */
class EventSignatureTest {
    private static final String PUBLIC_KEY = "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=";
    private static final String DATA = "{\"pinId\": \"req-1\", \"tenant\": \"acme\", \"cid\": \"bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4\"}";
    private static final String SIGNATURE = "+Tn517UvNpSXa4xX+EIl2PHVo8HEff1h784qtqE+5u1WirtI7rcyZJ4gVVbCqdQcdDRuAXOSPxhbYHW5sG0AAw==";

    @Test
    void aSignatureFromThePythonExampleVerifiesAndAnyChangedPartBreaksIt() {
        byte[] key = Ed25519Keys.decode(PUBLIC_KEY).bytes();
        byte[] signature = Base64.getDecoder().decode(SIGNATURE);
        byte[] data = DATA.getBytes(StandardCharsets.UTF_8);
        String id = "5f1c1f7e-4c55-4d0e-9a59-3b8a0f1d2e6c";

        assertThat(Ed25519Keys.verify(key, EventSignature.signedBytes(id, "/acme/uploader", "2026-12-06T10:00:00Z", data), signature)).isTrue();
        assertThat(Ed25519Keys.verify(key, EventSignature.signedBytes(id, "/acme/other", "2026-12-06T10:00:00Z", data), signature)).isFalse();
        assertThat(Ed25519Keys.verify(key, EventSignature.signedBytes(id, "/acme/uploader", "2026-12-06T10:00:00.000Z", data), signature))
                .as("ce_time is signed as it travels, never re-formatted").isFalse();
        assertThat(Ed25519Keys.verify(key, EventSignature.signedBytes(id + "x", "/acme/uploader", "2026-12-06T10:00:00Z", data), signature)).isFalse();
        assertThat(Ed25519Keys.verify(key, EventSignature.signedBytes(id, "/acme/uploader", "2026-12-06T10:00:00Z",
                DATA.replace("req-1", "req-2").getBytes(StandardCharsets.UTF_8)), signature)).isFalse();
    }

    @Test
    void keysAreTakenAsBase64OrMultibaseAndAnythingElseIsNamed() {
        byte[] raw = Base64.getDecoder().decode(PUBLIC_KEY);
        byte[] multicodec = new byte[34];
        multicodec[0] = (byte) 0xed;
        multicodec[1] = 0x01;
        System.arraycopy(raw, 0, multicodec, 2, 32);
        assertThat(Ed25519Keys.decode("z" + com.apicatalog.base.Base58.encode(multicodec)).bytes()).isEqualTo(raw);
        assertThat(Ed25519Keys.decode("u" + Base64.getUrlEncoder().withoutPadding().encodeToString(raw)).bytes()).isEqualTo(raw);
        assertThat(Ed25519Keys.decode(Base64.getUrlEncoder().withoutPadding().encodeToString(raw)).bytes()).isEqualTo(raw);
        assertThat(Ed25519Keys.decode(Base64.getEncoder().encodeToString(new byte[33])).problem())
                .isEqualTo("must decode to the raw 32-byte Ed25519 public key, decoded to 33 bytes");
        assertThat(Ed25519Keys.decode(" ").problem()).startsWith("is required");
    }
}
