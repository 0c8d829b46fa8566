package io.pinfold.takedown.notice;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinfold.denylist.DenylistParser;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Every form a complainant pastes names exactly the denylist entry the gateway will match. */
class TargetParserTest {
    /** bafkrei... (raw, sha2-256); its dag-pb CIDv0 is QmZjTn...; both are the same multihash. */
    static final String MULTIHASH = "ciqksseqj4xq6r43r6azo2klgamewdjo2ha42kq6yd5yluuzugjkiry";
    static final String IPNS_KEY = DenylistParser.rule("/ipns/12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf").key();

    private final TargetParser parser = new TargetParser();

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // CIDs in any version and multibase: one multihash, one entry
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4|cid|" + MULTIHASH,
            "QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp|cid|" + MULTIHASH,
            "BAFKREIFJJCIE6LYPI6NY7AMXNFFTAGCLBUXNDQONFIPMB64F2KM2DEVEI4|cid|" + MULTIHASH,
            "bafybeifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4|cid|" + MULTIHASH,
            "zb2rhi36Gc9GJWijLEL6zW45MBux5FcFv5gJmjXA7VAMozEXY|cid|" + MULTIHASH,
            "f01551220a948904f2f0f479b8f8197694b30184b0d2ed1c1cd2a1ec0fb85d299a192a447|cid|" + MULTIHASH,
            "k2cwuecvan95uqzq14dj3a18wx6av6tgr73nxvopxn3j5kvyr0apys7b|cid|" + MULTIHASH,
            "uAVUSIKlIkE8vD0ebj4GXaUswGEsNLtHBzSoewPuF0pmhkqRH|cid|" + MULTIHASH,
            "  bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4\u200b  |cid|" + MULTIHASH,
            // CID + path, exact and prefix
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4/films/a%20b.mp4|cid-path|" + MULTIHASH + "/films/a%20b.mp4",
            "/ipfs/QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp/films/./x/../a.mp4|cid-path|" + MULTIHASH + "/films/a.mp4",
            "/ipfs/QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp/films/*|cid-path|" + MULTIHASH + "/films*",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4/*|cid-path|" + MULTIHASH + "/*",
            "/ipld/bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4|cid|" + MULTIHASH,
            // path gateway URLs (query and fragment never change what is served)
            "https://ipfs.io/ipfs/bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4|cid|" + MULTIHASH,
            "https://gw.example:8443/ipfs/QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp/a/b?filename=x.mp4#t=3|cid-path|" + MULTIHASH + "/a/b",
            "HTTP://GW.EXAMPLE/ipfs/QmZjTnYw2TFhn9Nn7tjmPSoTBoY7YRkwPzwSrSbabY24Kp/|cid|" + MULTIHASH,
            "https://ipfs.io/ipns/example.org/blog/post.html|dnslink|dnslink/example.org/blog/post.html",
            "https://ipfs.io/ipns/12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf|ipns-name|" + "IPNS_KEY",
            // subdomain gateway URLs, DNSLink names inlined ('.' as '-', '-' as "--")
            "https://bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4.ipfs.dweb.link/|cid|" + MULTIHASH,
            "https://bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4.ipfs.localhost:8080/a/b.txt|cid-path|" + MULTIHASH + "/a/b.txt",
            "https://en-wikipedia--on--ipfs-org.ipns.dweb.link/wiki/Foo|dnslink|dnslink/en.wikipedia-on-ipfs.org/wiki/Foo",
            "https://example-org.ipns.dweb.link|dnslink|dnslink/example.org",
            "https://k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8.ipns.dweb.link/|ipns-name|k51",
            // ipfs:// and ipns://
            "ipfs://bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4/a|cid-path|" + MULTIHASH + "/a",
            "ipns://example.org|dnslink|dnslink/example.org",
            "ipns://12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf|ipns-name|" + "IPNS_KEY",
            // IPNS names and DNSLink domains as such
            "/ipns/12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf|ipns-name|" + "IPNS_KEY",
            "12D3KooWGzxzKZYveHXtpG6AsrUJBcWxHBFS2HsEoGTxrMLvKXtf|ipns-name|" + "IPNS_KEY",
            "k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8|ipns-name|k51",
            "Example.ORG.|dnslink|dnslink/example.org",
            "example.org/films/*|dnslink|dnslink/example.org/films*",
            "bücher.example|dnslink|dnslink/xn--bcher-kva.example",
    })
    void everyFormNamesTheEntryTheGatewayMatches(String input, String kind, String key) {
        ParsedTarget target = parser.parse(input);

        assertThat(target.kind().code()).isEqualTo(kind);
        if (key.equals("IPNS_KEY")) {
            assertThat(target.entryKey()).isEqualTo(IPNS_KEY);
        } else if (key.equals("k51")) {
            assertThat(target.entryKey()).isEqualTo(DenylistParser.rule("/ipns/k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8").key());
        } else {
            assertThat(target.entryKey()).isEqualTo(key);
        }
        // The rule it publishes reads back as the same entry: one definition of the key.
        assertThat(DenylistParser.rule(target.rule()).key()).isEqualTo(target.entryKey());
        assertThat(target.event().contentPath()).isNotBlank();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', value = {
            "\"\"|is empty",
            "bafy not a cid|contains white space",
            "hello|'hello' is not a CID, an IPNS name, a domain or a URL",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei|",
            "Qm123|'Qm123' is not a CID, an IPNS name, a domain or a URL",
            "https://example.org/some/page|is not a gateway URL",
            "https://ipfs.io/ipfs/|is missing the CID",
            "https://ipfs.io/ipfs/nope/a|",
            "ftp://ipfs.io/ipfs/bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4|URL scheme 'ftp' is not supported",
            "ipfs://|is missing the CID",
            "/ipfs/bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4/../..|",
            "/etc/passwd|a path must start with /ipfs/ or /ipns/",
            "bafkreifjjcie6lypi6ny7amxnfftagclbuxndqonfipmb64f2km2devei4*|'*' must follow a '/'",
            "https://exa mple.org/ipfs/x|contains white space",
            "ipns://bad..domain|neither a key nor a valid domain name",
    })
    void aTargetThatNamesNothingSaysWhy(String input, String why) {
        assertThatThrownBy(() -> parser.parse(input))
                .isInstanceOf(TargetParseException.class)
                .satisfies(e -> assertThat(e.getMessage()).isNotBlank().contains(why == null ? "" : why));
    }
}
