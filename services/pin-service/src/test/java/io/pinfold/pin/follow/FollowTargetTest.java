package io.pinfold.pin.follow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.ipfs.cid.Cid;
import io.pinfold.ipfs.cid.Codec;
import io.pinfold.ipfs.cid.MultibaseEncoding;
import io.pinfold.ipfs.cid.Multihash;
import io.pinfold.runtime.rest.RequestRejected;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** How a follow entry is read: one IPNS key in every form is one name; domains; /ipfs/ paths; refusals name the field. */
class FollowTargetTest {
    private static final byte[] ED25519_KEY = ed25519PublicKeyProtobuf();
    private static final Multihash PEER = Multihash.of(0x00, ED25519_KEY); // identity multihash: an Ed25519 peer id
    private static final String BASE36 = Cid.v1(Codec.LIBP2P_KEY, PEER).toString(MultibaseEncoding.BASE36);

    @Test
    void everyFormOfOneIpnsKeyIsTheSameName() {
        String base58 = PEER.toBase58();
        String base32 = Cid.v1(Codec.LIBP2P_KEY, PEER).toString();
        assertThat(base58).startsWith("12D3KooW");
        assertThat(BASE36).startsWith("k51");
        assertThat(base32).startsWith("bafzaa");
        for (String form : new String[] {base58, BASE36, base32, "/ipns/" + base58, "/ipns/" + BASE36, "/ipns/" + base32 + "/"}) {
            FollowTarget target = FollowTarget.parse("entries[0]", form);
            assertThat(target.kind()).as(form).isEqualTo(FollowTarget.Kind.IPNS);
            assertThat(target.path()).as(form).isEqualTo("/ipns/" + BASE36);
        }
    }

    @Test
    void anRsaPeerIdInBase58IsAKeyToo() {
        byte[] digest = new byte[32];
        new Random(7).nextBytes(digest);
        Multihash sha256 = Multihash.of(0x12, digest);
        FollowTarget target = FollowTarget.parse("target", "/ipns/" + sha256.toBase58());
        assertThat(target.kind()).isEqualTo(FollowTarget.Kind.IPNS);
        assertThat(target.normalized()).isEqualTo(Cid.v1(Codec.LIBP2P_KEY, sha256).toString(MultibaseEncoding.BASE36));
    }

    @Test
    void domainsAreDnsLinkNamesInLowerCaseWithTheirSubpath() {
        assertThat(FollowTarget.parse("t", "Docs.IPFS.tech").path()).isEqualTo("/ipns/docs.ipfs.tech");
        FollowTarget target = FollowTarget.parse("t", "/ipns/en.wikipedia-on-ipfs.org./wiki/");
        assertThat(target.kind()).isEqualTo(FollowTarget.Kind.DNSLINK);
        assertThat(target.normalized()).isEqualTo("en.wikipedia-on-ipfs.org");
        assertThat(target.subpath()).isEqualTo("/wiki");
    }

    @Test
    void ipfsPathsAreFixedTargetsInTheCanonicalCidForm() {
        FollowTarget target = FollowTarget.parse("t", "/ipfs/QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp/a/b");
        assertThat(target.kind()).isEqualTo(FollowTarget.Kind.IPFS);
        assertThat(target.path()).isEqualTo("/ipfs/QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp/a/b");
    }

    @Test
    void whatIsNoNameIsRefusedNamingTheField() {
        assertThatThrownBy(() -> FollowTarget.parse("entries[2]", "localhost"))
                .isInstanceOf(RequestRejected.class).hasMessageStartingWith("entries[2]: 'localhost' is neither an IPNS key");
        assertThatThrownBy(() -> FollowTarget.parse("entries[0]", "/ipfs/notacid"))
                .isInstanceOf(RequestRejected.class).hasMessageStartingWith("entries[0]: 'notacid' is not a CID");
        assertThatThrownBy(() -> FollowTarget.parse("target", " "))
                .isInstanceOf(RequestRejected.class).hasMessageStartingWith("target: must be");
        String dagPb = "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi";
        assertThatThrownBy(() -> FollowTarget.parse("target", "/ipns/" + dagPb))
                .as("a content CID is no IPNS key").isInstanceOf(RequestRejected.class);
    }

    /** A libp2p PublicKey protobuf: Type = Ed25519 (1), Data = 32 bytes. */
    private static byte[] ed25519PublicKeyProtobuf() {
        byte[] key = new byte[36];
        key[0] = 0x08;
        key[1] = 0x01;
        key[2] = 0x12;
        key[3] = 0x20;
        byte[] point = new byte[32];
        new Random(42).nextBytes(point);
        System.arraycopy(point, 0, key, 4, 32);
        return key;
    }
}
