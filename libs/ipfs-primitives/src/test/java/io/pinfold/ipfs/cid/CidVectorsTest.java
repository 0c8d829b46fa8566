package io.pinfold.ipfs.cid;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Published CIDs: the multiformats/cid spec and IPFS docs examples, Kubo's sharness tests
 * (t0290-cid.sh, t0275-cid-security / blake3 tests), and ipld/codec-fixtures. Canonical forms were
 * cross-checked with js-multiformats 13.4.2.
 */
class CidVectorsTest {

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            // input | version | codec | hash function | digest bytes | canonical toString | multihash identity (base32)
            "QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n | 0 | dag-pb | sha2-256 | 32 | QmdfTbBqBPQ7VNxZEYEj14VmRuZBkqFbiwReogJgS1zR1n | ciqohmgeikmpyhautl57jsezn64sij5oihsgjg4tjssjlgi3pbjlqvi",
            "bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku | 1 | dag-pb | sha2-256 | 32 | bafybeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku | ciqohmgeikmpyhautl57jsezn64sij5oihsgjg4tjssjlgi3pbjlqvi",
            "bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku | 1 | raw | sha2-256 | 32 | bafkreihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku | ciqohmgeikmpyhautl57jsezn64sij5oihsgjg4tjssjlgi3pbjlqvi",
            "QmS4ustL54uo8FzR9455qaxZwuMiUhyvMcX9Ba8nUH4uVv | 0 | dag-pb | sha2-256 | 32 | QmS4ustL54uo8FzR9455qaxZwuMiUhyvMcX9Ba8nUH4uVv | ciqdozu3eagxwk3plvfofozoae5usx3xm6i5cshsqgtml2bagn7mb5i",
            "zdj7WZAAFKPvYPPzyJLso2hhxo8a7ZACFQ4DvvfrNXTHidofr | 1 | dag-pb | sha2-256 | 32 | bafybeibxm2nsadl3fnxv2sxcxmxaco2jl53wpeorjdzidjwf5aqdg7wa6u | ciqdozu3eagxwk3plvfofozoae5usx3xm6i5cshsqgtml2bagn7mb5i",
            "uAXASIDdmmyANeytvXUriuy4BO0lfd2eR0UjygabF6CAzfsD1 | 1 | dag-pb | sha2-256 | 32 | bafybeibxm2nsadl3fnxv2sxcxmxaco2jl53wpeorjdzidjwf5aqdg7wa6u | ciqdozu3eagxwk3plvfofozoae5usx3xm6i5cshsqgtml2bagn7mb5i",
            "uAXASIDsp4T3Wnd6kXFOQaljH3GFK_ixkjMtVhB9VOBrPK3bp | 1 | dag-pb | sha2-256 | 32 | bafybeib3fhqt3vu532sfyu4qnjmmpxdbjl7cyzemznkyih2vhanm6k3w5e | ciqdwkpbhxlj3xvelrjza2syy7ogcsx6frsizs2vqqpvkoa2z4vxn2i",
            "QmYNmQKp6SuaVrpgWRsPTgCQCnpxUYGq76YEKBXuj2N4H6 | 0 | dag-pb | sha2-256 | 32 | QmYNmQKp6SuaVrpgWRsPTgCQCnpxUYGq76YEKBXuj2N4H6 | ciqjkh4zmj5kfm2vm5wirtfwp7nwbxy47fsdqlpsrahoniotn6qyhki",
            "bafybeievd6mwe6vcwnkwo3eizs3h7w3a34opszbyfxziqdxguhjw7imdve | 1 | dag-pb | sha2-256 | 32 | bafybeievd6mwe6vcwnkwo3eizs3h7w3a34opszbyfxziqdxguhjw7imdve | ciqjkh4zmj5kfm2vm5wirtfwp7nwbxy47fsdqlpsrahoniotn6qyhki",
            "bafkreievd6mwe6vcwnkwo3eizs3h7w3a34opszbyfxziqdxguhjw7imdve | 1 | raw | sha2-256 | 32 | bafkreievd6mwe6vcwnkwo3eizs3h7w3a34opszbyfxziqdxguhjw7imdve | ciqjkh4zmj5kfm2vm5wirtfwp7nwbxy47fsdqlpsrahoniotn6qyhki",
            "bafyreievd6mwe6vcwnkwo3eizs3h7w3a34opszbyfxziqdxguhjw7imdve | 1 | dag-cbor | sha2-256 | 32 | bafyreievd6mwe6vcwnkwo3eizs3h7w3a34opszbyfxziqdxguhjw7imdve | ciqjkh4zmj5kfm2vm5wirtfwp7nwbxy47fsdqlpsrahoniotn6qyhki",
            "bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi | 1 | dag-pb | sha2-256 | 32 | bafybeigdyrzt5sfp7udm7hu76uh7y26nf3efuylqabf3oclgtqy55fbzdi | ciqmhrdth3ek77igz6pj75ip7rv42lwiljqxaaclw4ewnhbr32kdsgq",
            "bafyreihdb57fdysx5h35urvxz64ros7zvywshber7id6t6c6fek37jgyfe | 1 | dag-cbor | sha2-256 | 32 | bafyreihdb57fdysx5h35urvxz64ros7zvywshber7id6t6c6fek37jgyfe | ciqogd36khrfp2px3jdlpt5zc5f7tlrneocjd6qh5h4f4kivx6snqki",
            "bafkr4icj3sdq34o6p7lapfgoxtset5om3lsxll72uz5cjnrkzmb6aoo3si | 1 | raw | blake3 | 32 | bafkr4icj3sdq34o6p7lapfgoxtset5om3lsxll72uz5cjnrkzmb6aoo3si | dyqetxehbxy5476wa6km5phejh24zwxfowx7vjt2es3cvsyd4a45xeq",
            "bafkr4qcj3sdq34o6p7lapfgoxtset5om3lsxll72uz5cjnrkzmb6aoo3sknmbprpe27pbfrb67tonydgfot5ixuq4skiva76ppbgpjlzc4ua4 | 1 | raw | blake3 | 64 | bafkr4qcj3sdq34o6p7lapfgoxtset5om3lsxll72uz5cjnrkzmb6aoo3sknmbprpe27pbfrb67tonydgfot5ixuq4skiva76ppbgpjlzc4ua4 | dzaetxehbxy5476wa6km5phejh24zwxfowx7vjt2es3cvsyd4a45xeu2yc7c6jv66clcd57g43qgmk5h2rpjbzeurkb7466cm6sxsfziby",
            "bafkr5aabjhoiodpr3z75mb4uz26oispvztnok5np7kthujfwflfqhybz3ojjvqf6f4tl54eweh36nzxamyv2pvc6sdsjjcud7z54ez5fpelsqdtax2k3rvuq3wdl5a4blxv3gvsroa3nakfzzknamhu2apf3vvytyiobabrn2bfnfajq66ikjy5lewsp5jyddsg5l7u3emr2ancimryay | 1 | raw | blake3 | 128 | bafkr5aabjhoiodpr3z75mb4uz26oispvztnok5np7kthujfwflfqhybz3ojjvqf6f4tl54eweh36nzxamyv2pvc6sdsjjcud7z54ez5fpelsqdtax2k3rvuq3wdl5a4blxv3gvsroa3nakfzzknamhu2apf3vvytyiobabrn2bfnfajq66ikjy5lewsp5jyddsg5l7u3emr2ancimryay | d2aacso4q4g7dxt72ydzjtv44re7ltg24v2276vgpislmkwlapqdtw4stlal4lzgx3yjmipx43toazrlu7kf5ehessfih7t3yjt2k6ixfahgbpuvxdljbxmgx2bycxplwnlfc4bw2aultsu2aypjua6lxllrhqq4cadc3uck2katb54qutr2wjne72tqghen2x7jwizdua2eqzdqbq",
            "bafkqaaa | 1 | raw | identity | 0 | bafkqaaa | aaaa",
            "bafkqac3imvwgy3zao5xxe3de | 1 | raw | identity | 11 | bafkqac3imvwgy3zao5xxe3de | aafwqzlmnrxsa53pojwgi",
            "k51qzi5uqu5dlvj2baxnqndepeb86cbk3ng7n3i46uzyxzyqj2xjonzllnv0v8 | 1 | libp2p-key | identity | 36 | bafzaajaiaejcbzdibmxyzdjbbehgvizh6g5tikvy47mshdy6gwbruvgwvd24seje | aasaqaisedsgqczprsgsccionkrsp4n3gqvlrz6zeohr4nmddjknnkhvzeisi",
            "bafy2bzaceaftavl2t7cosdrtlb62fr7mce3fxaffzlxriok6qoum34qxhrqym | 1 | dag-cbor | blake2b-256 | 32 | bafy2bzaceaftavl2t7cosdrtlb62fr7mce3fxaffzlxriok6qoum34qxhrqym | udsaeialgbkxvh6e5ehdgwd5uld6yejwloaklsxpcq4v5a5izxzbopdbqy",
            "bafyrgqalgbkxvh6e5ehdgwd5uld6yejwloaklsxpcq4v5a5izxzbopdbq2v5b5i2h5sitlwt7aouez4mwhlpwicfnkh3jwp6eneg3evx3qasm | 1 | dag-cbor | sha2-512 | 64 | bafyrgqalgbkxvh6e5ehdgwd5uld6yejwloaklsxpcq4v5a5izxzbopdbq2v5b5i2h5sitlwt7aouez4mwhlpwicfnkh3jwp6eneg3evx3qasm | cnaawmcvpkp4j2iognmh3iwh5qitmw4auxfo6fbzl2b2rtpsc46gdbvl2d2rup3ergxnh6a5ijtyzmow7mqek2upwtm74i2inwjlpxabey",
            "bafyrmialgbkxvh6e5ehdgwd5uld6yejwloaklsxpcq4v5a5izxzbopdbqy | 1 | dag-cbor | sha3-256 | 32 | bafyrmialgbkxvh6e5ehdgwd5uld6yejwloaklsxpcq4v5a5izxzbopdbqy | cyqawmcvpkp4j2iognmh3iwh5qitmw4auxfo6fbzl2b2rtpsc46gdbq",
            "bafyriqalgbkxvh6e5ehdgwd5uld6yejwloaklsxpcq4v5a5izxzbopdbq2v5b5i2h5sitlwt7aouez4mwhlpwicfnkh3jwp6eneg3evx3qasm | 1 | dag-cbor | sha3-512 | 64 | bafyriqalgbkxvh6e5ehdgwd5uld6yejwloaklsxpcq4v5a5izxzbopdbq2v5b5i2h5sitlwt7aouez4mwhlpwicfnkh3jwp6eneg3evx3qasm | craawmcvpkp4j2iognmh3iwh5qitmw4auxfo6fbzl2b2rtpsc46gdbvl2d2rup3ergxnh6a5ijtyzmow7mqek2upwtm74i2inwjlpxabey",
            "bafysecalgbkxvh6e5eha | 1 | dag-cbor | murmur3-x64-64 | 8 | bafysecalgbkxvh6e5eha | eieawmcvpkp4j2io",
            "bafyrcfalgbkxvh6e5ehdgwd5uld6yejwloaklsq | 1 | dag-cbor | sha1 | 20 | bafyrcfalgbkxvh6e5ehdgwd5uld6yejwloaklsq | cekawmcvpkp4j2iognmh3iwh5qitmw4auxfa",
            "baguqeera4oymiquy7qobjgx36tejs35zeqt24qpemsnzgtfeswmrw6csxbkq | 1 | dag-json | sha2-256 | 32 | baguqeera4oymiquy7qobjgx36tejs35zeqt24qpemsnzgtfeswmrw6csxbkq | ciqohmgeikmpyhautl57jsezn64sij5oihsgjg4tjssjlgi3pbjlqvi",
            "bagcqcera4oymiquy7qobjgx36tejs35zeqt24qpemsnzgtfeswmrw6csxbkq | 1 | dag-jose | sha2-256 | 32 | bagcqcera4oymiquy7qobjgx36tejs35zeqt24qpemsnzgtfeswmrw6csxbkq | ciqohmgeikmpyhautl57jsezn64sij5oihsgjg4tjssjlgi3pbjlqvi",
            "bafzbeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku | 1 | libp2p-key | sha2-256 | 32 | bafzbeihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku | ciqohmgeikmpyhautl57jsezn64sij5oihsgjg4tjssjlgi3pbjlqvi",
            "bagaaiera4oymiquy7qobjgx36tejs35zeqt24qpemsnzgtfeswmrw6csxbkq | 1 | json | sha2-256 | 32 | bagaaiera4oymiquy7qobjgx36tejs35zeqt24qpemsnzgtfeswmrw6csxbkq | ciqohmgeikmpyhautl57jsezn64sij5oihsgjg4tjssjlgi3pbjlqvi",
            "bafireihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku | 1 | cbor | sha2-256 | 32 | bafireihdwdcefgh4dqkjv67uzcmw7ojee6xedzdetojuzjevtenxquvyku | ciqohmgeikmpyhautl57jsezn64sij5oihsgjg4tjssjlgi3pbjlqvi",
    })
    void parsesPublishedCids(String input, int version, String codec, String hash, int digestLength,
            String canonical, String multihashIdentity) {
        Cid cid = Cid.parse(input);

        assertThat(cid.version()).isEqualTo(version);
        assertThat(cid.codec().name()).isEqualTo(codec);
        assertThat(cid.codec().isKnown()).isTrue();
        assertThat(cid.multihash().functionName()).isEqualTo(hash);
        assertThat(cid.multihash().digestLength()).isEqualTo(digestLength);
        assertThat(cid.toString()).isEqualTo(canonical);
        assertThat(cid.multihash().toBase32()).isEqualTo(multihashIdentity);
        // Parsing the canonical form gives the same CID back.
        assertThat(Cid.parse(canonical)).isEqualTo(cid);
        assertThat(Cid.fromBytes(cid.bytes())).isEqualTo(cid);
    }

    // Kubo t0290-cid.sh: "ipfs cid base32" of each line (input has stray leading spaces).
    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
            "QmZZRTyhDpL5Jgift1cHbAhexeE1m2Hw8x8g7rTcPahDvo|bafybeifgwyq5gs4l2mru5klgwjfmftjvkmbyyjurbupuz2bst7mhmg2hwa",
            " QmPhk6cJkRcFfZCdYam4c9MKYjFG9V29LswUnbrFNhtk2S|bafybeiauil46g3lb32jemjbl7yspca3twdcg4wwkbsgdgvgdj5fpfv2f64",
            "bafybeihtwdtifv43rn5cyilnmkwofdcxi2suqimmo62vn3etf45gjoiuwy|bafybeihtwdtifv43rn5cyilnmkwofdcxi2suqimmo62vn3etf45gjoiuwy",
            "bafybeiek4tfxkc4ov6jsmb63fzbirrsalnjw24zd5xawo2fgxisd4jmpyq|bafybeiek4tfxkc4ov6jsmb63fzbirrsalnjw24zd5xawo2fgxisd4jmpyq",
            "zdj7WgYfT2gfsgiUxzPYboaRbP9H9CxZE5jVMK9pDDwCcKDCR|bafybeifffq3aeaymxejo37sn5fyaf7nn7hkfmzwdxyjculx3lw4tyhk7uy",
            "zdj7WbTaiJT1fgatdet9Ei9iDB5hdCxkbVyhyh8YTUnXMiwYi|bafybeiczsscdsbs7ffqz55asqdf3smv6klcw3gofszvwlyarci47bgf354",
            "uAXASIDsp4T3Wnd6kXFOQaljH3GFK_ixkjMtVhB9VOBrPK3bp|bafybeib3fhqt3vu532sfyu4qnjmmpxdbjl7cyzemznkyih2vhanm6k3w5e",
            " uAXASIDdmmyANeytvXUriuy4BO0lfd2eR0UjygabF6CAzfsD1|bafybeibxm2nsadl3fnxv2sxcxmxaco2jl53wpeorjdzidjwf5aqdg7wa6u",
    })
    void matchesKuboCidBase32(String input, String base32) {
        assertThat(Cid.parse(input).toV1().toString()).isEqualTo(base32);
    }

    // Kubo t0290-cid.sh: "ipfs cid format -v 1 -b base58btc" of the same lines.
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "QmZZRTyhDpL5Jgift1cHbAhexeE1m2Hw8x8g7rTcPahDvo|zdj7WgefqQm5HogBQ2bckZuTYYDarRTUZi51GYCnerHD2G86j",
            "QmPhk6cJkRcFfZCdYam4c9MKYjFG9V29LswUnbrFNhtk2S|zdj7WWnzU3Nbu5rYGWZHKigUXBtAwShs2SHDCM1TQEvC9TeCN",
            "bafybeihtwdtifv43rn5cyilnmkwofdcxi2suqimmo62vn3etf45gjoiuwy|zdj7WmqAbpsfXgiRBtZP1oAP9QWuuY3mqbc5JhpxJkfT3vYCu",
            "bafybeiek4tfxkc4ov6jsmb63fzbirrsalnjw24zd5xawo2fgxisd4jmpyq|zdj7Wen5gtfr7AivXip3zYd1peuq2QfKrqAn4FGiciVWb96YB",
            "uAXASIDsp4T3Wnd6kXFOQaljH3GFK_ixkjMtVhB9VOBrPK3bp|zdj7WZQrAvnY5ge3FNg5cmCsNwsvpYjdtu2yEmnWYQ4ES7Nzk",
            "QmS4ustL54uo8FzR9455qaxZwuMiUhyvMcX9Ba8nUH4uVv|zdj7WZAAFKPvYPPzyJLso2hhxo8a7ZACFQ4DvvfrNXTHidofr",
    })
    void matchesKuboCidFormatBase58(String input, String base58) {
        assertThat(Cid.parse(input).toV1().toString(MultibaseEncoding.BASE58_BTC)).isEqualTo(base58);
    }
}
