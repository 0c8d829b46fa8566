package io.pinfold.kubo;

import static io.pinfold.kubo.LiveKubo.WAIT;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.kubo.error.KuboInvalidRequestException;
import io.pinfold.kubo.error.KuboNotFoundException;
import io.pinfold.kubo.files.FilesStat;
import io.pinfold.kubo.name.NamePublication;
import io.pinfold.kubo.name.NameResolution;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** name publish / resolve and files stat against real Kubo nodes. */
class NameAndFilesCallsTest {

    private final KuboClient kubo = LiveKubo.first();

    @Test
    void aPublishedNameResolvesToItsPathOnBothNodes() {
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(120), true);

        NamePublication published = kubo.name().publish("/ipfs/" + cid, "self", true).await().atMost(WAIT);
        NameResolution here = kubo.name().resolve("/ipns/" + published.name(), true).await().atMost(WAIT);
        NameResolution there = LiveKubo.second().name().resolve(published.name(), true).await().atMost(WAIT);

        assertThat(published.value()).isEqualTo("/ipfs/" + cid);
        assertThat(here.path()).isEqualTo("/ipfs/" + cid);
        assertThat(there.path()).isEqualTo("/ipfs/" + cid);
    }

    @Test
    void aNameNeverPublishedIsNotFound() {
        // A fresh key: a valid IPNS name that no node has published a record for.
        String answer = LiveKubo.rawRpc(LiveKubo.node1(), "key/gen?arg=never-published-" + UUID.randomUUID() + "&type=ed25519");
        Matcher id = Pattern.compile("\"Id\":\"([^\"]+)\"").matcher(answer);
        assertThat(id.find()).as("key/gen answer %s", answer).isTrue();

        assertThatThrownBy(() -> kubo.name().resolve("/ipns/" + id.group(1), true).await().atMost(WAIT))
                .isInstanceOf(KuboNotFoundException.class)
                .hasMessage("kubo name/resolve: could not resolve name");
    }

    @Test
    void filesStatDescribesMfsAndIpfsPaths() {
        String cid = LiveKubo.addOnFirst(LiveKubo.uniqueBytes(4321), true);

        FilesStat root = kubo.files().stat("/").await().atMost(WAIT);
        FilesStat file = kubo.files().stat("/ipfs/" + cid).await().atMost(WAIT);

        assertThat(root.type()).isEqualTo("directory");
        assertThat(root.cid()).isNotBlank();
        assertThat(file.type()).isEqualTo("file");
        assertThat(file.cid()).isEqualTo(cid);
        assertThat(file.size()).isEqualTo(4321);
    }

    @Test
    void filesStatOfAMissingPathIsNotFound() {
        assertThatThrownBy(() -> kubo.files().stat("/no/such/file").await().atMost(WAIT))
                .isInstanceOf(KuboNotFoundException.class)
                .hasMessage("kubo files/stat: file does not exist");
    }

    @Test
    void filesStatOfARelativePathIsAnInvalidRequest() {
        assertThatThrownBy(() -> kubo.files().stat("relative").await().atMost(WAIT))
                .isInstanceOf(KuboInvalidRequestException.class)
                .hasMessage("kubo files/stat: paths must start with a leading slash");
    }
}
